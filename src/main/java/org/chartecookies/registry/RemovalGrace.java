package org.chartecookies.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.chartecookies.registry.Sites.Loaded;
import org.jspecify.annotations.Nullable;

/**
 * The sites served whose file is gone: each stays served for the removal grace period, so that a file deleted and
 * created again (how many tools replace a file) is one change, never a moment without the site. Not thread-safe:
 * {@link Sites} uses it while it holds its lock.
 */
final class RemovalGrace {

	/** The lines are those of {@link Sites}, as operators know them (and may have set their level). */
	private static final Log logger = LogFactory.getLog(Sites.class);

	private final Duration grace;

	private final InstantSource clock;

	/** When each site served whose file is gone was first found gone. */
	private final Map<String, Instant> vanished = new HashMap<>();

	RemovalGrace(Duration grace, InstantSource clock) {
		this.grace = grace;
		this.clock = clock;
	}

	/**
	 * Puts back into {@code files} each site served before ({@code servedBefore}, by id) whose file is no longer in
	 * the folder ({@code ids}), while its grace period lasts; without {@code graced} (the operator asked) none is.
	 */
	void keep(Map<String, Loaded> servedBefore, Set<String> ids, boolean graced, Map<String, Loaded> files) {
		Instant now = this.clock.instant();
		this.vanished.keySet().retainAll(servedBefore.keySet());
		this.vanished.keySet().removeAll(ids);
		for (Loaded served : servedBefore.values()) {
			String id = served.site().id();
			if (!ids.contains(id)) {
				Instant gone = this.vanished.get(id);
				if (gone == null) {
					gone = now;
					this.vanished.put(id, now);
					if (!this.grace.isZero()) {
						logger.info("Cookie registry: the file of the site " + id + " is gone; the site stays served for "
								+ this.grace.toMillis() + " ms, in case the file is being replaced");
					}
				}
				if (graced && now.isBefore(gone.plus(this.grace))) {
					files.put(id, served);
				}
				else {
					this.vanished.remove(id);
				}
			}
		}
	}

	/** Whether the site is served for a moment more, its file being gone. */
	boolean waits(String id) {
		return this.vanished.containsKey(id);
	}

	/** How long until a site whose file is gone is removed; null when no such site waits. */
	@Nullable Duration untilRemoval() {
		return SettlingFiles.untilFirst(this.vanished.values(), this.grace, this.clock.instant());
	}

	Duration grace() {
		return this.grace;
	}

}
