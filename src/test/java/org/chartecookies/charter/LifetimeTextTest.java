package org.chartecookies.charter;

import java.util.Locale;

import org.chartecookies.registry.CookieLifetime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A declared lifetime as the charter's table says it, in the application's own French and English messages.
 */
class LifetimeTextTest {

	private final LifetimeText text = new LifetimeText(messages());

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	@ParameterizedTest(name = "{0} -> {1} / {2}")
	@CsvSource(delimiter = '|', textBlock = """
			session      | Session (jusqu'à la fermeture du navigateur) | Session (until the browser is closed)
			P13M         | 13 mois                     | 13 months
			P1M          | 1 mois                      | 1 month
			P1Y          | 1 an                        | 1 year
			P2Y          | 2 ans                       | 2 years
			P30D         | 30 jours                    | 30 days
			P1D          | 1 jour                      | 1 day
			P2W          | 14 jours                    | 14 days
			P1Y6M        | 1 an et 6 mois              | 1 year and 6 months
			P1Y2M3D      | 1 an et 2 mois et 3 jours   | 1 year and 2 months and 3 days
			PT30M        | 30 minutes                  | 30 minutes
			PT1M         | 1 minute                    | 1 minute
			PT1H         | 1 heure                     | 1 hour
			PT2H         | 2 heures                    | 2 hours
			PT45S        | 45 secondes                 | 45 seconds
			PT1S         | 1 seconde                   | 1 second
			PT36H        | 1 jour et 12 heures         | 1 day and 12 hours
			PT48H        | 2 jours                     | 2 days
			PT1H30M      | 1 heure et 30 minutes       | 1 hour and 30 minutes
			PT25H1M1S    | 1 jour et 1 heure et 1 minute et 1 seconde | 1 day and 1 hour and 1 minute and 1 second
			""")
	void aLifetimeInWords(String lifetime, String french, String english) {
		assertThat(this.text.of(CookieLifetime.parse(lifetime), Locale.FRENCH)).isEqualTo(french);
		assertThat(this.text.of(CookieLifetime.parse(lifetime), Locale.ENGLISH)).isEqualTo(english);
	}

}
