package org.chartecookies.consent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnPathTest {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/cookies", "/cookies?lang=en", "/datasets/population/?q=paris#table",
			"/explore/dataset/a%20b/", "/!", "/~user", "/a!b~c", "/a.b/c..d/.e/f.", "/a?x=/./" })
	void samesitePathIsKept(String path) {
		assertThat(ReturnPath.of(path)).isEqualTo(path);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "https://evil.example/", "http:/evil.example", "//evil.example", "///evil.example",
			"/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "data:text/html,x", "evil.example",
			"/cookies\r\nSet-Cookie: a=b", "/cookies\nx", "/a b", "/ｅｖｉｌ", "/\u2215\u2215evil.example", "/%",
			" /cookies", "/cookies\t", "/a\u007fb", "/a\\b", "/a\u0000b",
			// Dot segments, which a browser removes: /.//evil.example would be the path //evil.example.
			"/.//evil.example", "/a/..//evil.example", "/%2e//evil.example", "/%2E%2e/x", "/a/.", "/a/.." })
	void anythingElseGoesToTheCharter(String hostile) {
		assertThat(ReturnPath.of(hostile)).isEqualTo("/cookies");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2047 })
	void pathOfUpTo2048CharactersIsKept(int length) {
		String path = "/" + "a".repeat(length);

		assertThat(ReturnPath.of(path)).isEqualTo(path);
	}

	@ParameterizedTest
	@ValueSource(ints = { 2048, 100_000 })
	void overlongPathGoesToTheCharter(int length) {
		assertThat(ReturnPath.of("/" + "a".repeat(length))).isEqualTo("/cookies");
	}

	/** An embedding page's address: the page, without its cookies switch, and the switch's first value. */
	@ParameterizedTest(name = "{0} -> {1} {2}")
	@CsvSource(nullValues = "-", textBlock = """
			/datasets,                               /datasets,                     -
			/datasets?q=paris,                       /datasets?q=paris,             -
			/datasets?cookies=manage,                /datasets,                     manage
			/datasets?q=paris&cookies=saved,         /datasets?q=paris,             saved
			/datasets?cookies=saved&q=paris,         /datasets?q=paris,             saved
			/datasets?a=1&cookies=saved&b=2#top,     /datasets?a=1&b=2#top,         saved
			/datasets?cookies=manage&cookies=saved,  /datasets,                     manage
			/datasets?cookies,                       /datasets,                     ''
			/datasets?cookiesx=1&xcookies=2,         /datasets?cookiesx=1&xcookies=2, -
			/datasets?&&q=1&,                        /datasets?q=1,                 -
			/datasets#cookies=manage,                /datasets#cookies=manage,      -
			/datasets?q=a=b&cookies=x=y,             /datasets?q=a=b,               x=y
			//evil.example?cookies=manage,           /cookies,                      -
			""")
	void embeddingPageIsSplitFromItsSwitch(String address, String page, String mode) {
		ReturnPath.Split split = ReturnPath.split(address);

		assertThat(split.page()).isEqualTo(page);
		assertThat(split.mode()).isEqualTo(mode);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			/cookies,            /cookies?cookies=manage
			/datasets?q=paris,   /datasets?q=paris&cookies=manage
			/datasets#top,       /datasets?cookies=manage#top
			/datasets?q=1#top,   /datasets?q=1&cookies=manage#top
			""")
	void aPageWithItsSwitchSet(String page, String expected) {
		assertThat(ReturnPath.withSwitch(page, BannerSwitch.MANAGE)).isEqualTo(expected);
	}

	@Test
	void theLongestPageAcceptedKeepsItsSwitchAndALongerOneIsTheCharterWithIt() {
		// The limit is the page's (2048 characters); the switch comes on top, so a visitor who decided on the longest
		// page accepted is sent back to it and sees the confirmation.
		String longest = "/" + "a".repeat(2047);
		String tooLong = "/" + "a".repeat(2048);

		assertThat(ReturnPath.withSwitch(longest, BannerSwitch.SAVED)).isEqualTo(longest + "?cookies=saved");
		assertThat(ReturnPath.withSwitch(tooLong, BannerSwitch.SAVED)).isEqualTo("/cookies?cookies=saved");
		assertThat(ReturnPath.withSwitch("//evil.example/x", BannerSwitch.MANAGE)).isEqualTo("/cookies?cookies=manage");
		// An embedding page's address is that page and its switch: it splits back into both; a longer page does not.
		assertThat(ReturnPath.split(longest + "?cookies=manage")).isEqualTo(new ReturnPath.Split(longest, "manage"));
		assertThat(ReturnPath.split(tooLong + "?cookies=manage")).isEqualTo(new ReturnPath.Split("/cookies", null));
	}

	@Test
	void anAddressIsReadOnlyUpToTheLongestPageAndOneSwitch() {
		// 2048 + "?cookies=manage&" = 2064 characters: read; one more, or a second switch, and it is not even split.
		String longest = "/" + "a".repeat(2047);

		assertThat(ReturnPath.split(longest + "?cookies=manage&")).isEqualTo(new ReturnPath.Split(longest, "manage"));
		assertThat(ReturnPath.split(longest + "?cookies=manage&&")).isEqualTo(new ReturnPath.Split("/cookies", null));
		assertThat(ReturnPath.split(longest + "?cookies=manage&cookies=saved"))
			.isEqualTo(new ReturnPath.Split("/cookies", null));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(nullValues = "-", textBlock = """
			/datasets,                /datasets
			/datasets?q=paris,        /datasets
			/datasets#top,            /datasets
			/datasets?q=a#top,        /datasets
			/datasets#top?q=a,        /datasets
			/datasets?,               /datasets
			/?q=1,                    /
			https://evil.example/x,   /cookies
			-,                        /cookies
			""")
	void aRecordKeepsThePagePathAlone(String candidate, String path) {
		assertThat(ReturnPath.pathOnly(candidate)).isEqualTo(path);
	}

}
