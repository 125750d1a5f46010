package org.chartecookies.audit;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The audit's command ({@code --charte.audit.pages=URL[,URL…] --charte.audit.report=DIR}, docs/audit.md): read only
 * when it runs; the application itself starts no browser.
 *
 * @param pages the pages to scan, on the hosts of the registry's sites; the only pages the browser visits
 * @param report the folder the report is written to (made if missing)
 * @param chromium the Chromium to run; the first of chromium, chromium-browser, google-chrome on the PATH when not set
 * @param browserArguments more arguments for Chromium (a proxy, say)
 * @param maxPages the most pages one audit scans
 * @param pageTimeout the time one visit of one page may take (then it is reported as such)
 * @param totalTimeout the time the whole scan may take (the visits not started by then are reported as not done)
 * @param concurrency how many visits run at once
 * @param quietPeriod how long a page's network must stay idle after its load before what it left is read
 */
@ConfigurationProperties("charte.audit")
@Validated
public record AuditProperties(List<String> pages, @Nullable String report, @Nullable String chromium,
		List<String> browserArguments, @DefaultValue("50") @Min(1) @Max(1000) int maxPages,
		@DefaultValue("30s") @NotNull Duration pageTimeout, @DefaultValue("10m") @NotNull Duration totalTimeout,
		@DefaultValue("4") @Min(1) @Max(16) int concurrency, @DefaultValue("500ms") @NotNull Duration quietPeriod) {

	public AuditProperties {
		pages = (pages != null) ? List.copyOf(pages) : List.of();
		browserArguments = (browserArguments != null) ? List.copyOf(browserArguments) : List.of();
	}

}
