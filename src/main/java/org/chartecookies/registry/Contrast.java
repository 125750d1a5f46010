package org.chartecookies.registry;

import java.util.Locale;

/**
 * The contrast ratio of two colours ({@code #1d4f91}, {@code #fff}) as WCAG 2 defines it: (L1 + 0.05) / (L2 + 0.05)
 * of their relative luminances, from 1:1 (the same colour) to 21:1 (black on white).
 */
final class Contrast {

	/** WCAG AA for normal text (1.4.3). */
	static final double TEXT = 4.5;

	/** WCAG AA for user-interface components and focus indicators (1.4.11). */
	static final double NON_TEXT = 3;

	private Contrast() {
	}

	/** The ratio of two colours, in either order. */
	static double ratio(String one, String other) {
		double a = luminance(one);
		double b = luminance(other);
		return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
	}

	/** A ratio as people read it: {@code 2.54:1}, rounded down so that a ratio shown as enough is enough. */
	static String format(double ratio) {
		return String.format(Locale.ROOT, "%.2f:1", Math.floor(ratio * 100) / 100);
	}

	/** The relative luminance of {@code #rgb} or {@code #rrggbb}, from 0 (black) to 1 (white). */
	static double luminance(String colour) {
		String hex = colour.substring(1);
		if (hex.length() == 3) {
			hex = new String(new char[] { hex.charAt(0), hex.charAt(0), hex.charAt(1), hex.charAt(1), hex.charAt(2),
					hex.charAt(2) });
		}
		if (!colour.startsWith("#") || hex.length() != 6) {
			throw new IllegalArgumentException("not a colour such as #1d4f91 or #fff: " + colour);
		}
		int rgb = Integer.parseInt(hex, 16);
		return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
	}

	private static double channel(int value) {
		double c = (value & 0xff) / 255.0;
		return (c <= 0.04045) ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	}

}
