package org.chartecookies.records;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Says once, at start-up, when the records folder will not outlive the container it runs in: on the container's own
 * file system (an image run without a volume there), or on an anonymous volume (Docker's, for the image's declared
 * volume when none is named), which {@code docker rm -v} deletes and a new container (an upgrade) does not reuse. The
 * folder holds the journal of answered decisions and, without PostgreSQL, the records' database itself. Read from
 * the process's mount table ({@code /proc/self/mountinfo}); silent where there is none, or nothing to say.
 */
@Component
class RecordsFolderMount {

	private static final Log logger = LogFactory.getLog(RecordsFolderMount.class);

	/** What Docker names an anonymous volume: 64 hexadecimal digits. */
	private static final Pattern ANONYMOUS_VOLUME = Pattern.compile(".*/volumes/[0-9a-f]{64}/_data(/.*)?");

	RecordsFolderMount(RecordsProperties properties) {
		Path table = Path.of("/proc/self/mountinfo");
		if (Files.isReadable(table)) {
			try {
				String warning = warning(properties.folder().toAbsolutePath().normalize(), Files.readAllLines(table));
				if (warning != null) {
					logger.warn(warning);
				}
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Mount table unreadable: " + ex.getMessage());
			}
		}
	}

	/** What to say of the folder's place, given the mount table's lines; null when it will outlive the container. */
	static @Nullable String warning(Path folder, List<String> mounts) {
		String[] best = null;
		for (String line : mounts) {
			// id parent major:minor root mount-point options [optional fields] - type source super-options
			String[] fields = line.split(" ");
			int separator = List.of(fields).indexOf("-");
			if (fields.length < 5 || separator < 0 || separator + 1 >= fields.length) {
				continue;
			}
			Path point = Path.of(unescape(fields[4]));
			if (folder.startsWith(point) && (best == null || point.getNameCount() >= Path.of(unescape(best[4])).getNameCount())) {
				best = new String[] { fields[0], fields[1], fields[2], unescape(fields[3]), unescape(fields[4]),
						fields[separator + 1] };
			}
		}
		if (best == null) {
			return null;
		}
		String advice = " Its consent records (the journal of answered decisions, and the embedded database when no"
				+ " PostgreSQL is configured) would be lost: mount a named volume or a host folder there, for example"
				+ " docker run -v charte-data:" + folder + " (README, \"Production\").";
		if (best[4].equals("/") && best[5].equals("overlay")) {
			return "The records folder " + folder + " is on the container's own file system, deleted with the"
					+ " container." + advice;
		}
		if (ANONYMOUS_VOLUME.matcher(best[3]).matches()) {
			return "The records folder " + folder + " is on an anonymous volume, which docker rm -v deletes and a new"
					+ " container (an upgrade) does not reuse." + advice;
		}
		return null;
	}

	/** The mount table writes a space, a tab, a line break and a backslash in octal. */
	private static String unescape(String field) {
		return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
	}

}
