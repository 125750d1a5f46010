package org.chartecookies.charter;

import org.chartecookies.PageText;
import org.chartecookies.StartupFailure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator replaces parts of the charter's prose from files outside the jar, per language; everything they do not
 * replace stays the source charter's text, and texts they got wrong stop start-up with one clear message.
 */
@SpringBootTest(properties = "charte.messages.location=file:src/test/resources/prose/operator")
@AutoConfigureMockMvc
class OperatorWordsTest {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void operatorsTextsReplaceTheirKeysInEachLanguageAndTheRestStaysTheSeeds() throws Exception {
		String french = PageText.of(this.mvc.get().uri("/cookies?lang=fr").exchange().getResponse().getContentAsString(
				java.nio.charset.StandardCharsets.UTF_8));
		String english = PageText.of(this.mvc.get().uri("/cookies?lang=en").exchange().getResponse().getContentAsString(
				java.nio.charset.StandardCharsets.UTF_8));

		assertThat(french).contains("Nous utilisons quelques cookies pour que ce portail de données ouvertes fonctionne.")
			.contains("Un cookie est un petit fichier qu'un site dépose dans votre navigateur")
			.doesNotContain("panier d'achat, un identifiant permettant de tracer")
			.contains("Il existe plusieurs types de cookies :");
		assertThat(english).contains("We use a few cookies so that this open data portal works.")
			.contains("A cookie is a small file that a website leaves in your browser")
			.contains("There are several types of cookies");
	}

	@Test
	void aTextGivenInOneLanguageOnlyStopsStartUp() {
		String output = StartupFailure.of("--charte.messages.location=file:src/test/resources/prose/missing-english");

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("missing-english.properties")
			.contains("line 2: 'charter.intro' has no English text")
			.contains("CHARTE_MESSAGES_LOCATION")
			.doesNotContain("\tat org.springframework");
	}

	@Test
	void anUnknownKeyStopsStartUpWithItsLine() {
		String output = StartupFailure.of("--charte.messages.location=file:src/test/resources/prose/unknown-key");

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("unknown-key.properties")
			.contains("line 3: unknown key 'charter.intr0'");
	}

	@Test
	void aLocationWithNoFileStopsStartUp() {
		String output = StartupFailure.of("--charte.messages.location=file:src/test/resources/prose/nothing-here");

		assertThat(output).contains("APPLICATION FAILED TO START").contains("nothing-here").contains("exists");
	}

}
