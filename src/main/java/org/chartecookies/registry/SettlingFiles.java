package org.chartecookies.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The registry files being written: a file written to is read once nothing has been written to it for the quiet
 * period, so that a file saved in several writes (an editor, {@code cp} of a big file) is never read half-written. A
 * file moved into the folder (written elsewhere, then renamed: the recommended way) is complete when it appears, and
 * is read at once. Not thread-safe: the folder's watch thread alone uses it.
 */
final class SettlingFiles {

	private final Duration quiet;

	private final Map<String, Instant> lastWritten = new HashMap<>();

	SettlingFiles(Duration quiet) {
		this.quiet = quiet;
	}

	/** Something was written to the file (by its name in the folder) at that moment. */
	void written(String file, Instant at) {
		this.lastWritten.put(file, at);
	}

	/** The file is gone: nothing to wait for. */
	void gone(String file) {
		this.lastWritten.remove(file);
	}

	/** The files written to less than the quiet period before {@code now}; the others are forgotten. */
	Set<String> settling(Instant now) {
		this.lastWritten.values().removeIf((at) -> !now.isBefore(at.plus(this.quiet)));
		return Set.copyOf(this.lastWritten.keySet());
	}

	/** How long until the first file written to settles; null when none is being written. */
	@Nullable Duration untilSettled(Instant now) {
		return untilFirst(this.lastWritten.values(), this.quiet, now);
	}

	/**
	 * How long from {@code now} until the first of these moments is {@code delay} old (zero when one already is);
	 * null when there are none. The folder's watch sleeps that long: for a file to settle, for a vanished site's
	 * removal ({@link Sites#untilRemoval()}).
	 */
	static @Nullable Duration untilFirst(Collection<Instant> moments, Duration delay, Instant now) {
		return moments.stream()
			.map((at) -> Duration.between(now, at.plus(delay)))
			.map((left) -> left.isNegative() ? Duration.ZERO : left)
			.min(Comparator.naturalOrder())
			.orElse(null);
	}

}
