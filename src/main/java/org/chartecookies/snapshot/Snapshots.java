package org.chartecookies.snapshot;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.chartecookies.consent.SnapshotHashes;
import org.chartecookies.consent.SnapshotKeeper;
import org.chartecookies.registry.HostedSite;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The snapshot of each site as loaded, per language: rendered and hashed the first time a banner with a form is made
 * for them (the banner is then kept per page context), kept durably by the {@link SnapshotKeeper} before the hash is
 * handed out, and remembered for as long as the site as loaded is served. Never per visitor nor per request: a site
 * loaded again (an edited registry, its revision raised or not) is another site, whose snapshot is made anew (the
 * same bytes, the same hash: kept once).
 */
@Component
class Snapshots implements SnapshotHashes {

	private static final Log logger = LogFactory.getLog(Snapshots.class);

	/** By the site as loaded, compared by identity and let go with it. */
	private final Cache<HostedSite, Map<String, String>> hashes = Caffeine.newBuilder().weakKeys().build();

	/**
	 * The hashes kept by this process, each with what it shows (site, language, revision): known to the consent endpoint
	 * without asking the keeper.
	 */
	private final Map<String, Shown> made = new ConcurrentHashMap<>();

	/** What a snapshot shows: a site's, in a language, at a registry revision. */
	private record Shown(String site, String language, int revision) {
	}

	private final SnapshotDocuments documents;

	private final SnapshotKeeper keeper;

	private final Clock clock;

	/** Whether the last snapshot tried could not be kept (told once). */
	private final AtomicBoolean failing = new AtomicBoolean();

	Snapshots(SnapshotDocuments documents, ObjectProvider<SnapshotKeeper> keeper, Clock clock) {
		this.documents = documents;
		this.keeper = keeper.getIfAvailable(() -> SnapshotKeeper.NONE);
		this.clock = clock;
	}

	@Override
	public String current(HostedSite site, Locale language) {
		Map<String, String> languages = this.hashes.get(site, (loaded) -> new ConcurrentHashMap<>());
		String tag = language.getLanguage();
		String known = languages.get(tag);
		if (known != null) {
			return known;
		}
		try {
			return languages.computeIfAbsent(tag, (absent) -> make(site, language));
		}
		catch (RuntimeException ex) {
			// Not kept (a full disk, a folder that cannot be written): the banner names no snapshot this time, and the
			// decisions made meanwhile are recorded with the current one, made again for them. Told once until one is
			// kept: every page asks again meanwhile.
			if (this.failing.compareAndSet(false, true)) {
				logger.error("The snapshot of what site " + site.id() + " shows in " + tag + " cannot be kept: "
						+ ex.getMessage() + " (told again once one has been kept)");
			}
			return "";
		}
	}

	@Override
	public boolean known(String hash, String site, String language, int revision) {
		return new Shown(site, language, revision).equals(this.made.get(hash))
				|| this.keeper.kept(hash, site, language, revision);
	}

	private String make(HostedSite site, Locale language) {
		byte[] content = this.documents.render(site, language);
		String hash = SnapshotHashes.sha256(content);
		if (!this.made.containsKey(hash)) {
			this.keeper.keep(new SnapshotKeeper.Made(hash, site.id(), language.getLanguage(), site.registry().revision(),
					this.clock.instant(), content));
			this.made.put(hash, new Shown(site.id(), language.getLanguage(), site.registry().revision()));
			this.failing.set(false);
		}
		return hash;
	}

}
