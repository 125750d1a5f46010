package org.chartecookies.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The audit's browser in tests: Chromium from {@code -Dchromium.binary} or the PATH. Without it the test is skipped
 * with a message, unless a browser is required (on CI, {@code CI=true}, or with {@code -Dbrowser.required=true}),
 * as the other browser tests do.
 */
public final class Browsers {

	private Browsers() {
	}

	public static Path chromium() {
		return ChromiumProcess.find(System.getProperty("chromium.binary"), System.getenv("PATH")).orElseGet(() -> {
			String message = "Audit tests need Chromium on the PATH (apt-get install -y chromium)";
			if (Boolean.getBoolean("browser.required") || "true".equalsIgnoreCase(System.getenv("CI"))) {
				Assertions.fail(message);
			}
			Assumptions.abort(message + ": skipped");
			return null;
		});
	}

	static ChromiumProcess start() throws AuditException {
		return ChromiumProcess.start(chromium(), List.of(), Duration.ofSeconds(30));
	}

}
