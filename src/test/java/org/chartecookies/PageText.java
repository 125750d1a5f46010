package org.chartecookies;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.util.HtmlUtils;

/**
 * The text a visitor reads on a page: markup, comments and head removed, entities decoded, white space collapsed.
 */
public final class PageText {

	private static final Pattern HEAD = Pattern.compile("(?s)<head>.*?</head>");

	private static final Pattern TAG = Pattern.compile("(?s)<!--.*?-->|<[^>]+>");

	private static final Pattern ELEMENT = Pattern.compile("(?s)<(\\w+)[^>]*\\bid=\"%s\"[^>]*>");

	private PageText() {
	}

	public static String of(String html) {
		String body = HEAD.matcher(html).replaceAll(" ");
		return HtmlUtils.htmlUnescape(TAG.matcher(body).replaceAll(" ")).replaceAll("\\s+", " ").strip();
	}

	/** The text of the element with this id, nested elements included. */
	public static String ofElement(String html, String id) {
		Matcher start = Pattern.compile(String.format(ELEMENT.pattern(), Pattern.quote(id))).matcher(html);
		if (!start.find()) {
			return "";
		}
		Matcher tags = Pattern.compile("<(/?)" + start.group(1) + "\\b[^>]*>").matcher(html);
		int depth = 0;
		int end = html.length();
		tags.region(start.start(), html.length());
		while (tags.find()) {
			depth += tags.group(1).isEmpty() ? 1 : -1;
			if (depth == 0) {
				end = tags.end();
				break;
			}
		}
		return of(html.substring(start.start(), end));
	}

	/** The HTML of a MockMvc answer, decoded as UTF-8. */
	public static String html(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The seed's wording with its line breaks as a page shows them: one space. */
	public static String normalized(String text) {
		return text.replaceAll("\\s+", " ").strip();
	}

}
