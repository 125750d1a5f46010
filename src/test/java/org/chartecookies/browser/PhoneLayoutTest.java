package org.chartecookies.browser;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The charter is readable on a 375 px wide phone: nothing scrolls sideways, every cookie's details fit the screen.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PhoneLayoutTest {

	private static final int PHONE_WIDTH = 375;

	@LocalServerPort
	private int port;

	private WebDriver browser;

	@AfterEach
	void quit() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@ParameterizedTest(name = "lang={0}")
	@ValueSource(strings = { "fr", "en" })
	void charterFitsAPhoneScreen(String language) {
		this.browser = Chromium.start(true);
		this.browser.manage().window().setSize(new Dimension(PHONE_WIDTH, 800));
		Chromium.load(this.browser, "http://localhost:" + this.port + "/cookies?lang=" + language);
		JavascriptExecutor page = (JavascriptExecutor) this.browser;
		long viewport = (Long) page.executeScript("return document.documentElement.clientWidth");

		assertThat(viewport).isLessThanOrEqualTo(PHONE_WIDTH);
		assertThat((Long) page.executeScript("return document.documentElement.scrollWidth"))
			.as("page width on a phone").isLessThanOrEqualTo(viewport);
		List<WebElement> cells = this.browser.findElements(By.cssSelector(".charter-table td, .charter-table th[scope=row]"));
		assertThat(cells).isNotEmpty();
		for (WebElement cell : cells) {
			assertThat(cell.getRect().getX() + cell.getRect().getWidth()).as("right edge of '%s'", cell.getText())
				.isLessThanOrEqualTo((int) viewport);
		}
		page.executeScript("document.getElementById('category-necessary').scrollIntoView()");
		Chromium.screenshot(this.browser, "charter-table-375-" + language);
	}

}
