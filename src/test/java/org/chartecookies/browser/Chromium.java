package org.chartecookies.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven by Debian's chromedriver. Where they are missing, browser tests are skipped
 * with a message, unless a browser is required: on CI ({@code CI=true}) or with {@code -Dbrowser.required=true}.
 */
final class Chromium {

	static final File BINARY = new File(System.getProperty("chromium.binary", "/usr/bin/chromium"));

	static final File DRIVER = new File(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

	private Chromium() {
	}

	static WebDriver start(boolean javascript) {
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
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr",
				"profile.managed_default_content_settings.javascript", javascript ? 1 : 2));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().window().setSize(new Dimension(1280, 900));
		return driver;
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
