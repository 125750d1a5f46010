package org.chartecookies.registry;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the cookie registry is read from: one file for one site answering every host, or a folder of files, one per
 * site, each answering the host names it lists ({@code site.hosts}).
 *
 * @param location the registry file when no folder is set: a file-system path, or a Spring resource location such as
 * {@code classpath:registry/cookies.yaml} (the default content shipped in the application) or {@code file:/config/cookies.yaml}
 * @param folder a folder of registry files ({@code *.yaml}, {@code *.yml}), one per site, named after the site
 * ({@code shop.yaml} is the site {@code shop}); when set, {@code location} is not used
 * @param defaultSite the site (a file's name without {@code .yaml}) that answers a host no site lists; none by
 * default: such a request gets a 404
 * @param pollInterval how often the folder is read again, besides the changes the file system reports at once
 * (some mounts, network file systems and Kubernetes config maps among them, report none); a file read again is only
 * loaded again when its content changed
 * @param quietPeriod how long a file written to must stay untouched before it is read (a file saved in several
 * writes is never read half-written); a file moved into the folder is read at once
 * @param removalGrace how long a site whose file is gone stays served, so that a file deleted and created again (how
 * many tools replace a file) is one change; after it, the site is removed
 */
@ConfigurationProperties("charte.registry")
@Validated
public record RegistryProperties(@DefaultValue(RegistryProperties.DEFAULT_LOCATION) @NotBlank String location,
		@Nullable String folder,
		@Pattern(regexp = RegistryProperties.SITE_ID_PATTERN,
				message = "must be the name of a registry file of the folder, without .yaml") @Nullable String defaultSite,
		@DefaultValue("10s") @NotNull Duration pollInterval, @DefaultValue("1s") @NotNull Duration quietPeriod,
		@DefaultValue("5s") @NotNull Duration removalGrace) {

	/** The registry shipped in the application: an example, used when none is named. */
	public static final String DEFAULT_LOCATION = "classpath:registry/cookies.yaml";

	/** A site's id, its file's name without the extension: safe in records, metrics and logs. */
	static final String SITE_ID_PATTERN = "[a-z0-9][a-z0-9_.-]{0,63}";

	boolean usesFolder() {
		return this.folder != null && !this.folder.isBlank();
	}

}
