package org.chartecookies.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by Debian's chromedriver. Where they are missing, browser tests are skipped
 * with a message, unless a browser is required: on CI ({@code CI=true}) or with {@code -Dbrowser.required=true}.
 */
final class Chromium {

	static final File BINARY = new File(System.getProperty("chromium.binary", "/usr/bin/chromium"));

	static final File DRIVER = new File(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

	static final Dimension DESKTOP = new Dimension(1280, 900);

	/**
	 * Installed before any page script: collects Content-Security-Policy violations, and adds up layout shifts
	 * that no recent input caused (the Cumulative Layout Shift of web-vitals).
	 */
	private static final String INSTRUMENTATION = """
			window.__charte = { violations: [], layoutShift: 0, shifts: [] };
			document.addEventListener('securitypolicyviolation', function (e) {
			  window.__charte.violations.push(e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber);
			});
			new PerformanceObserver(function (list) {
			  list.getEntries().forEach(function (entry) {
			    if (!entry.hadRecentInput) {
			      window.__charte.layoutShift += entry.value;
			      window.__charte.shifts.push(entry.value.toFixed(4) + ' at ' + Math.round(entry.startTime) + ' ms: '
			        + (entry.sources || []).map(function (source) {
			          var node = source.node;
			          var name = !node ? '(gone)' : node.nodeType === 1
			            ? node.localName + (node.id ? '#' + node.id : '') + (node.className ? '.' + String(node.className).split(' ').join('.') : '')
			            : '#text "' + node.textContent.trim().slice(0, 30) + '"';
			          var box = function (r) { return [r.x, r.y, r.width, r.height].map(Math.round).join(','); };
			          return name + ' ' + box(source.previousRect) + ' -> ' + box(source.currentRect);
			        }).join('; '));
			    }
			  });
			}).observe({ type: 'layout-shift', buffered: true });
			""";

	private Chromium() {
	}

	static ChromeDriver start(boolean javascript) {
		return start(javascript, new String[0]);
	}

	/** A browser with more command-line arguments (host names resolved to this machine, say). */
	static ChromeDriver start(boolean javascript, String... arguments) {
		if (!BINARY.canExecute() || !DRIVER.canExecute()) {
			String message = "Browser tests need " + BINARY + " and " + DRIVER
					+ " (apt-get install -y chromium chromium-driver)";
			if (Boolean.getBoolean("browser.required") || "true".equalsIgnoreCase(System.getenv("CI"))) {
				Assertions.fail(message);
			}
			Assumptions.abort(message + ": skipped");
		}
		// Selenium Manager must not try to download anything.
		System.setProperty("SE_OFFLINE", "true");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic",
				// Bootstrap scrolls smoothly unless reduced motion is asked for; WebDriver clicks must not land mid-scroll.
				"--force-prefers-reduced-motion");
		options.addArguments(arguments);
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
			.usingAnyFreePort()
			.build();
		// A stuck browser must fail the test within a minute, not block the build for Selenium's default three.
		ChromeDriver driver = new ChromeDriver(service, options,
				ClientConfig.defaultConfig().readTimeout(Duration.ofSeconds(60)));
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30)).pageLoadTimeout(Duration.ofSeconds(30));
		driver.manage().window().setSize(DESKTOP);
		if (javascript) {
			driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", INSTRUMENTATION));
		}
		else {
			pageScripts(driver, false);
		}
		return driver;
	}

	/**
	 * Opens a page and waits until its document is loaded: ChromeDriver's {@code get} can return while the new
	 * document is still {@code loading}, before its body, its head scripts or its load handlers are there.
	 */
	static void load(WebDriver driver, String url) {
		driver.get(url);
		new WebDriverWait(driver, Duration.ofSeconds(30)).until(Chromium::loaded);
	}

	/** Whether the page's document is loaded ({@code document.readyState} is {@code complete}): a wait's condition. */
	static boolean loaded(WebDriver driver) {
		return "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState"));
	}

	/**
	 * Turns the pages' JavaScript off or on, as a visitor's browser setting does. Scripts a page skipped while it was
	 * off do not run when it is turned back on, so a tool (axe) can briefly run its own script on a no-JavaScript page.
	 */
	static void pageScripts(ChromeDriver driver, boolean enabled) {
		driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", !enabled));
	}

	/** The whole page, not only the window, under target/screenshots. */
	static void fullPageScreenshot(ChromeDriver driver, String name) {
		Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
		Map<?, ?> size = (Map<?, ?>) metrics.get("cssContentSize");
		pageScreenshot(driver, name, ((Number) size.get("height")).doubleValue());
	}

	/** The page's top, {@code height} CSS pixels of it, however much the window shows, under target/screenshots. */
	static void pageScreenshot(ChromeDriver driver, String name, double height) {
		Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
		Map<?, ?> size = (Map<?, ?>) metrics.get("cssContentSize");
		Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
				Map.of("captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width"),
						"height", height, "scale", 1)));
		try {
			Path directory = Files.createDirectories(Path.of("target", "screenshots"));
			Files.write(directory.resolve(name + ".png"), java.util.Base64.getDecoder().decode((String) shot.get("data")));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Saves what the visitor sees under target/screenshots, for people to look at. */
	static void screenshot(WebDriver driver, String name) {
		try {
			Path directory = Files.createDirectories(Path.of("target", "screenshots"));
			byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
			Files.write(directory.resolve(name + ".png"), png);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
