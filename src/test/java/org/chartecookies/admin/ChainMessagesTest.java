package org.chartecookies.admin;

import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verification page's sentences about a run of records, as the page passes them their arguments (writer, first,
 * consent id, last, the record before, last minus first): one record reads in the singular, never "n° 7 à 7".
 */
class ChainMessagesTest {

	private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	ChainMessagesTest() {
		this.messages.setBasename("messages/messages");
		this.messages.setDefaultEncoding("UTF-8");
		this.messages.setFallbackToSystemLocale(false);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"admin.chain.ADDED_WHILE_RELEASED | fr | l’enregistrement n° 7 a été ajouté | les enregistrements n° 7 à 9 ont été ajoutés",
			"admin.chain.ADDED_WHILE_RELEASED | en | record #7 was added | records #7 to #9 were added",
			"admin.chain.MOVED_BACK | fr | l’enregistrement n° 7, qu’un point de contrôle signé nommait, a été supprimé | les enregistrements n° 7 à 9, que des points de contrôle signés nommaient, ont été supprimés",
			"admin.chain.MOVED_BACK | en | record #7, which a signed checkpoint named, was removed | records #7 to #9, which signed checkpoints named, were removed" })
	void aFaultOverOneRecordIsSaidInTheSingular(String key, String language, String one, String several) {
		Locale locale = Locale.forLanguageTag(language);

		assertThat(this.messages.getMessage(key, new Object[] { "w-1", 7L, "-", 7L, 6L, 0L }, locale)).contains(one)
			.doesNotContain("7 à 7", "#7 to #7");
		assertThat(this.messages.getMessage(key, new Object[] { "w-1", 7L, "-", 9L, 6L, 2L }, locale)).contains(several);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"fr | L’enregistrement n° 7 vient après le dernier point de contrôle signé : seule la chaîne le protège jusqu'au prochain. | Les enregistrements n° 7 à 9 viennent",
			"en | Record #7 comes after the last signed checkpoint: only the chain protects it until the next one. | Records #7 to #9 come" })
	void recordsAfterTheLastCheckpointAgreeWithTheirNumber(String language, String one, String several) {
		Locale locale = Locale.forLanguageTag(language);

		assertThat(this.messages.getMessage("admin.chain.after", new Object[] { 7L, 7L, 0L }, locale)).isEqualTo(one);
		assertThat(this.messages.getMessage("admin.chain.after", new Object[] { 7L, 9L, 2L }, locale))
			.startsWith(several);
	}

}
