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
			"/explore/dataset/a%20b/", "/!", "/~user", "/a!b~c", "/a.b/c..d/.e/f.", "/a?x=/./",
			// Percent-encoded as a browser sends them, kept exactly: UTF-8, a space, an &, a + either way, a # or a ?
			// within the path, an encoded slash or backslash past the first, lower-case hexadecimal digits.
			"/%C3%A9t%C3%A9", "/%c3%a9t%c3%a9", "/a%26cookies=manage", "/a+b", "/a%2Bb", "/a%23b", "/a%3Fb",
			"/a%2Fb", "/a%5Cb", "/a/%2F", "/a%2e", "/%2e%2e%2e", "/a&b=c;d:e@f$g'h(i)j*k,l" })
	void samesitePathIsKept(String path) {
		assertThat(ReturnPath.of(path)).isEqualTo(path);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "https://evil.example/", "http:/evil.example", "//evil.example", "///evil.example",
			"/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "data:text/html,x", "evil.example",
			"/cookies\r\nSet-Cookie: a=b", "/cookies\nx", " /cookies", "/cookies\t", "/a\u007fb", "/a\\b",
			"/a\u0000b", "/a?q=\n", "/a?q=\u007f", "/a#\u0001",
			// Dot segments, which a browser removes: /.//evil.example would be the path //evil.example.
			"/.//evil.example", "/a/..//evil.example", "/%2e//evil.example", "/%2E%2e/x", "/a/.", "/a/..",
			// What a page path becomes once a platform decodes it (to redirect to it, say) must not leave the site
			// either: //host or /\host, a dot segment, or a control character (a browser drops a tab or a line break
			// from an address, so that /<tab>/host would be //host).
			"/%2F%2Fevil.example", "/%2f/evil.example", "/%5Cevil.example", "/%5c%5cevil.example",
			"/.%2F/evil.example", "/a%2F..%2F..%2F%2Fevil.example", "/a%5C..%5Cb", "/%09/evil.example",
			"/a%0D%0ASet-Cookie:%20a=b", "/a%00b", "/a%7Fb", "/a%1fb",
			// A lone surrogate is no character: it has no UTF-8 to percent-encode.
			"/a\uD800b", "/a\uDC00" })
	void anythingElseGoesToTheCharter(String hostile) {
		assertThat(ReturnPath.of(hostile)).isEqualTo("/cookies");
	}

	/**
	 * A path written otherwise than a browser sends it (decoded, or with characters an address cannot hold as they
	 * are) is the same page, percent-encoded: what the form and the links carry, and the redirect's Location, is
	 * always an address a browser reads as this site's path.
	 */
	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiterString = " -> ", textBlock = """
			/a b -> /a%20b
			/été -> /%C3%A9t%C3%A9
			/ｅｖｉｌ -> /%EF%BD%85%EF%BD%96%EF%BD%89%EF%BD%8C
			/\u2215\u2215evil.example -> /%E2%88%95%E2%88%95evil.example
			/😀 -> /%F0%9F%98%80
			/\uD836\uDC00 -> /%F0%9D%A0%80
			/a\u0085b -> /a%C2%85b
			/a|b^c -> /a%7Cb%5Ec
			/a[1]{2} -> /a%5B1%5D%7B2%7D
			/"<>` -> /%22%3C%3E%60
			/% -> /%25
			/100% -> /100%25
			/a%zz -> /a%25zz
			/a%2 -> /a%252
			/a%g1 -> /a%25g1
			/a%1g -> /a%251g
			/a%\u0663\u0663 -> /a%25%D9%A3%D9%A3
			/a%ＡＡ -> /a%25%EF%BC%A1%EF%BC%A1
			/a?q=é&r=a b -> /a?q=%C3%A9&r=a%20b
			/a#é -> /a#%C3%A9
			/a#b#c -> /a#b%23c
			/a?b?c#d?e -> /a?b?c#d?e
			/%C3%A9 é -> /%C3%A9%20%C3%A9
			/~az_AZ-09. -> /~az_AZ-09.
			""")
	void aPathIsWrittenAsABrowserSendsIt(String written, String sent) {
		assertThat(ReturnPath.of(written)).isEqualTo(sent);
		assertThat(ReturnPath.of(sent)).as("written once for all").isEqualTo(sent);
	}

	@Test
	void theLimitIsTheLengthOfThePathAsSent() {
		// 2048 characters once percent-encoded: an é is six of them.
		String longest = "/" + "a".repeat(2041) + "é";
		String tooLong = "/" + "a".repeat(2042) + "é";

		assertThat(ReturnPath.of(longest)).hasSize(2048).endsWith("a%C3%A9");
		assertThat(ReturnPath.of(tooLong)).isEqualTo("/cookies");
		assertThat(ReturnPath.of("/" + "é".repeat(341))).hasSize(2047);
		assertThat(ReturnPath.of("/" + "é".repeat(342))).isEqualTo("/cookies");
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
			-,                                       /cookies,                      -
			/%2F%2Fevil.example?cookies=manage,      /cookies,                      -
			/été?q=é&cookies=manage,                 /%C3%A9t%C3%A9?q=%C3%A9,        manage
			/a%26cookies=saved?cookies=manage,       /a%26cookies=saved,            manage
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
			/a b#c d,            /a%20b?cookies=manage#c%20d
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
			/a b?q=é#c,               /a%20b
			https://evil.example/x,   /cookies
			-,                        /cookies
			""")
	void aRecordKeepsThePagePathAlone(String candidate, String path) {
		assertThat(ReturnPath.pathOnly(candidate)).isEqualTo(path);
	}

	/** What a consent record keeps of a page: a path as {@link ReturnPath#pathOnly} writes them, nothing else. */
	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(textBlock = """
			/datasets,           true
			/%C3%A9t%C3%A9,      true
			/,                   true
			/datasets?q=1,       false
			/datasets#top,       false
			/?,                  false
			/#,                  false
			/a b,                false
			//evil.example,      false
			datasets,            false
			""")
	void aPagePathIsAPathAsWrittenWithoutQueryOrFragment(String text, boolean pagePath) {
		assertThat(ReturnPath.isPagePath(text)).isEqualTo(pagePath);
	}

}
