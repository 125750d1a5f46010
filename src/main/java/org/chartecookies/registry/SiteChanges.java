package org.chartecookies.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.chartecookies.registry.Sites.Catalogue;
import org.chartecookies.registry.Sites.Loaded;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/**
 * What changed when the registry folder was read again, said in the log: a site loaded, changed or removed (INFO), a
 * new problem (ERROR), a problem fixed (INFO).
 */
final class SiteChanges {

	/** The lines are those of {@link Sites}, as operators know them (and may have set their level). */
	private static final Log logger = LogFactory.getLog(Sites.class);

	private SiteChanges() {
	}

	static void report(Catalogue before, Catalogue after, @Nullable Path folder, @Nullable String defaultSite) {
		// At start-up, a large folder gets one line rather than one per site.
		boolean summed = before.byFile().isEmpty() && after.byFile().size() > 10;
		if (summed) {
			logger.info("Cookie registry folder " + folder + ": " + after.byFile().size() + " sites loaded");
		}
		for (Loaded loaded : summed ? List.<Loaded>of() : after.byFile().values()) {
			Loaded previous = before.byFile().get(loaded.site().id());
			if (previous == null || previous.site() != loaded.site()) {
				logger.info("Cookie registry: site " + loaded.site() + ((previous == null) ? " loaded" : " reloaded")
						+ ", hosts " + loaded.site().registry().site().hosts());
			}
		}
		for (String id : before.byFile().keySet()) {
			if (!after.byFile().containsKey(id)) {
				logger.info("Cookie registry: site " + id + " removed (its file is gone)");
			}
		}
		after.problems().forEach((file, problem) -> {
			if (!Objects.equals(before.problems().get(file), problem)) {
				logger.error(problem + ((after.byFile().containsKey(StringUtils.stripFilenameExtension(file)))
						? " (the last good version is served)" : " (the site is not served)"));
			}
		});
		for (String file : before.problems().keySet()) {
			if (!after.problems().containsKey(file)) {
				logger.info("Cookie registry: " + file + " is valid again");
			}
		}
		if (defaultSite != null && after.fallback() == null && before.fallback() != null) {
			logger.error("Cookie registry: the default site '" + defaultSite
					+ "' is no longer served: hosts no site lists now get a 404");
		}
	}

}
