package org.chartecookies.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Contrast ratios as WCAG 2 defines them: the well-known figures (black on white 21:1, #767676 the lightest grey
 * that passes AA on white, pure red 4:1), and the application's and the examples' colours as an independent
 * implementation of the formula works them out.
 */
class ContrastTest {

	@ParameterizedTest(name = "{0} on {1}: {2}")
	@CsvSource(textBlock = """
			'#000', '#fff', 21.00
			'#FFFFFF', '#000000', 21.00
			'#fff', '#fff', 1.00
			'#1d4f91', '#fff', 8.14
			'#fff', '#8a1538', 9.35
			'#777', '#fff', 4.48
			'#767676', '#fff', 4.54
			'#f4a6b8', '#1d2126', 8.47
			'#fff', '#f4a6b8', 1.91
			'#0b0c0c', '#8fb8ff', 9.76
			'#ff0000', '#fff', 4.00
			'#00ff00', '#fff', 1.37
			'#0000ff', '#fff', 8.59
			""")
	void ratioOfTwoColours(String one, String other, double expected) {
		assertThat(Contrast.ratio(one, other)).isCloseTo(expected, within(0.01));
		assertThat(Contrast.ratio(other, one)).as("either order").isCloseTo(expected, within(0.01));
	}

	@Test
	void luminanceRunsFromBlackToWhiteAndTakesDarkChannelsLinearly() {
		assertThat(Contrast.luminance("#000")).isZero();
		assertThat(Contrast.luminance("#fff")).isCloseTo(1, within(1e-9));
		assertThat(Contrast.luminance("#0a0a0a")).isCloseTo(10 / 255.0 / 12.92, within(1e-9));
		assertThat(Contrast.luminance("#0b0b0b")).isCloseTo(Math.pow((11 / 255.0 + 0.055) / 1.055, 2.4), within(1e-9));
		assertThat(Contrast.luminance("#abc")).isEqualTo(Contrast.luminance("#aabbcc"));
	}

	@Test
	void aRatioIsShownRoundedDownSoThatEnoughReadsAsEnoughOnly() {
		assertThat(Contrast.format(4.4999)).isEqualTo("4.49:1");
		assertThat(Contrast.format(4.5)).isEqualTo("4.50:1");
		assertThat(Contrast.format(21)).isEqualTo("21.00:1");
	}

	@Test
	void somethingElseThanAColourIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Contrast.luminance("1d4f91")).withMessageContaining("1d4f91");
		assertThatIllegalArgumentException().isThrownBy(() -> Contrast.luminance("#1d4f"));
		assertThatIllegalArgumentException().isThrownBy(() -> Contrast.luminance("x1d4f91")).withMessageContaining("x1d4f91");
	}

}
