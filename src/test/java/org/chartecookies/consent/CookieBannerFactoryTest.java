package org.chartecookies.consent;

import java.util.Locale;
import java.util.Map;

import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.Registries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the banner shows for a page's context (two-optional-categories.yaml: necessary, then statistics and video):
 * it asks until the visitor decides, opens the choices on "Gérer mes cookies", confirms a decision just made, and
 * otherwise keeps out of the way.
 */
class CookieBannerFactoryTest {

	private static final CookieRegistry REGISTRY = Registries.load("registries/two-optional-categories.yaml");

	private static final CookieRegistry NECESSARY_ONLY = Registries.load("registries/necessary-only.yaml");

	/** The example shop: only a third party sets its optional cookies; it names a privacy policy on its site. */
	private static final CookieRegistry THIRD_PARTIES = Registries.file("examples/sites/shop.yaml");

	private static final HostedSite SITE = Registries.site(REGISTRY);

	private final CookieBannerFactory factory = new CookieBannerFactory();

	private static ConsentState decided(boolean statistics, boolean video) {
		return new ConsentState(Map.of("statistics", statistics, "video", video), false, false);
	}

	private static PageContext page(BannerSwitch banner, ConsentState consent) {
		return new PageContext(SITE, "/datasets?q=paris", banner, Locale.ENGLISH, consent);
	}

	@ParameterizedTest(name = "{0}, decided: {1} -> {2}")
	@CsvSource(textBlock = """
			NONE,   false, ASK
			MANAGE, false, ASK
			SAVED,  false, ASK
			NONE,   true,  HIDDEN
			MANAGE, true,  ASK
			SAVED,  true,  CONFIRMATION
			""")
	void theBannerAsksUntilADecisionAndConfirmsItOnce(BannerSwitch banner, boolean hasDecision,
			CookieBanner.State state) {
		CookieBanner shown = this.factory.create(page(banner, hasDecision ? decided(true, false) : ConsentState.NOBODY));

		assertThat(shown.state()).isEqualTo(state);
		assertThat(shown.visible()).isEqualTo(state != CookieBanner.State.HIDDEN);
		assertThat(shown.asking()).isEqualTo(state == CookieBanner.State.ASK);
		assertThat(shown.confirming()).isEqualTo(state == CookieBanner.State.CONFIRMATION);
		assertThat(shown.notice()).isFalse();
		assertThat(shown.choicesOpen()).isEqualTo(banner == BannerSwitch.MANAGE);
		assertThat(shown.decided()).isEqualTo(hasDecision);
	}

	/** Snapshots that say which site and language each was asked for, and count the asks. */
	private static final class AskedSnapshots implements SnapshotHashes {

		private final java.util.List<String> asked = new java.util.ArrayList<>();

		@Override
		public String current(HostedSite site, Locale language) {
			this.asked.add(site.id() + "/" + language.getLanguage());
			return "snapshot-of-" + site.id() + "-" + language.getLanguage();
		}

		@Override
		public boolean known(String hash, String site, String language, int revision) {
			return false;
		}

	}

	@ParameterizedTest(name = "{0}, decided: {1} -> {2}")
	@CsvSource(textBlock = """
			NONE,   false, snapshot-of-test-en
			MANAGE, true,  snapshot-of-test-en
			NONE,   true,  ''
			SAVED,  true,  ''
			""")
	void aBannerWithAFormNamesTheSnapshotOfItsSiteAndLanguageAskedOncePerContext(BannerSwitch banner,
			boolean hasDecision, String snapshot) {
		AskedSnapshots snapshots = new AskedSnapshots();
		CookieBannerFactory factory = new CookieBannerFactory(
				new org.springframework.beans.factory.support.StaticListableBeanFactory(java.util.Map.of("s", snapshots))
					.getBeanProvider(SnapshotHashes.class));
		PageContext page = page(banner, hasDecision ? decided(true, false) : ConsentState.NOBODY);

		assertThat(factory.create(page).snapshot()).isEqualTo(snapshot);
		assertThat(factory.create(page).snapshot()).isEqualTo(snapshot);
		assertThat(factory.create(page).at("/elsewhere", "/elsewhere?cookies=manage").snapshot()).isEqualTo(snapshot);
		assertThat(snapshots.asked).containsExactly(snapshot.isEmpty() ? new String[0] : new String[] { "test/en" });
	}

	@ParameterizedTest(name = "{0}, decided: {1} -> {2}")
	@CsvSource(textBlock = """
			NONE,   false, NOTICE
			MANAGE, false, NOTICE
			MANAGE, true,  NOTICE
			NONE,   true,  HIDDEN
			SAVED,  true,  HIDDEN
			""")
	void withoutOptionalCategoriesTheBannerOnlyInformsUntilAcknowledged(BannerSwitch banner, boolean hasDecision,
			CookieBanner.State state) {
		CookieBanner shown = new CookieBannerFactory().create(new PageContext(Registries.site(NECESSARY_ONLY),
				"/datasets?q=paris", banner, Locale.ENGLISH,
				hasDecision ? new ConsentState(Map.of(), false, false) : ConsentState.NOBODY));

		assertThat(shown.state()).isEqualTo(state);
		assertThat(shown.notice()).isEqualTo(state == CookieBanner.State.NOTICE);
		assertThat(shown.hasOptionalChoices()).isFalse();
		assertThat(shown.optionalChoices()).isEmpty();
	}

	@Test
	void theChoicesAreEveryCategoryInTheVisitorsLanguagePreFilledWithTheDecision() {
		CookieBanner shown = this.factory.create(page(BannerSwitch.MANAGE, decided(false, true)));

		assertThat(shown.choices())
			.extracting(CookieBanner.Choice::id, CookieBanner.Choice::title, CookieBanner.Choice::description,
					CookieBanner.Choice::required, CookieBanner.Choice::accepted)
			.containsExactly(tuple("necessary", "Necessary cookies", "Needed by the site.", true, true),
					tuple("statistics", "Audience measurement", "Count visits.", false, false),
					tuple("video", "Embedded videos", "Play videos from another site.", false, true));
		assertThat(shown.hasOptionalChoices()).isTrue();
		assertThat(shown.optionalChoices()).extracting(CookieBanner.Choice::id).containsExactly("statistics", "video");
	}

	@Test
	void withoutADecisionNoOptionalCategoryIsTickedAndTheTextsAreInFrenchForFrenchReaders() {
		CookieBanner shown = this.factory
			.create(new PageContext(SITE, "/cookies", BannerSwitch.NONE, Locale.FRENCH, ConsentState.NOBODY));

		assertThat(shown.choices()).extracting(CookieBanner.Choice::title, CookieBanner.Choice::accepted)
			.containsExactly(tuple("Cookies nécessaires", true), tuple("Mesure d'audience", false),
					tuple("Vidéos intégrées", false));
	}

	/**
	 * The first layer names each optional category's purpose (in a few words, or its title) and who sets its cookies,
	 * the site itself as "us", in the visitor's language.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			en | counting visits and Embedded videos      | YouTube
			fr | compter les visites et Vidéos intégrées  | YouTube
			""")
	void theFirstLayerNamesThePurposesAndTheThirdParties(Locale language, String purposes, String thirdParties) {
		CookieBanner.FirstLayer shown = this.factory
			.create(new PageContext(SITE, "/", BannerSwitch.NONE, language, ConsentState.NOBODY))
			.firstLayer();

		assertThat(shown.purposes()).isEqualTo(purposes);
		assertThat(shown.providersKey()).isEqualTo("banner.set-by-us-and");
		assertThat(shown.thirdParties()).isEqualTo(thirdParties);
		assertThat(shown.privacyPolicy()).isNull();
	}

	@Test
	void aSiteThatSetsItsOptionalCookiesItselfSaysSoWithoutNamingItself() {
		CookieBanner.FirstLayer shown = new CookieBannerFactory()
			.create(new PageContext(Registries.site(Registries.defaultRegistry()), "/", BannerSwitch.NONE, Locale.FRENCH,
					ConsentState.NOBODY))
			.firstLayer();

		assertThat(shown.purposes()).isEqualTo("mesure d'audience");
		assertThat(shown.providersKey()).isEqualTo("banner.set-by-us");
		assertThat(shown.thirdParties()).isEmpty();
	}

	@Test
	void withoutOptionalCookiesNobodyIsNamed() {
		CookieBanner.FirstLayer shown = new CookieBannerFactory()
			.create(new PageContext(Registries.site(NECESSARY_ONLY), "/", BannerSwitch.NONE, Locale.ENGLISH,
					ConsentState.NOBODY))
			.firstLayer();

		assertThat(shown.purposes()).isEmpty();
		assertThat(shown.providersKey()).isNull();
		assertThat(shown.thirdParties()).isEmpty();
	}

	@Test
	void onlyThirdPartiesAreNamedWhenTheSiteSetsNoOptionalCookie() {
		CookieBanner.FirstLayer shown = new CookieBannerFactory()
			.create(new PageContext(Registries.site(THIRD_PARTIES), "/", BannerSwitch.NONE, Locale.ENGLISH,
					ConsentState.NOBODY))
			.firstLayer();

		assertThat(shown.providersKey()).isEqualTo("banner.set-by");
		assertThat(shown.thirdParties()).isEqualTo("Régie Exemple");
		assertThat(shown.privacyPolicy()).hasToString("https://shop.example.org/confidentialite");
	}

	@Test
	void alwaysOnCategoriesAreApartFromTheChoices() {
		CookieBanner shown = this.factory.create(page(BannerSwitch.MANAGE, ConsentState.NOBODY));

		assertThat(shown.requiredChoices()).extracting(CookieBanner.Choice::id).containsExactly("necessary");
		assertThat(shown.optionalChoices()).extracting(CookieBanner.Choice::id).containsExactly("statistics", "video");
	}

	@ParameterizedTest(name = "statistics {0}, video {1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			true  | true  | banner.confirmation.accepted-all | Audience measurement, Embedded videos |
			false | false | banner.confirmation.refused-all  |                                       | Audience measurement, Embedded videos
			true  | false | banner.confirmation.custom       | Audience measurement                  | Embedded videos
			false | true  | banner.confirmation.custom       | Embedded videos                       | Audience measurement
			""")
	void theConfirmationSaysWhatWasAcceptedAndRefused(boolean statistics, boolean video, String message,
			String accepted, String refused) {
		CookieBanner shown = this.factory.create(page(BannerSwitch.SAVED, decided(statistics, video)));

		assertThat(shown.confirmationKey()).isEqualTo(message);
		assertThat(shown.accepted()).isEqualTo((accepted != null) ? accepted : "");
		assertThat(shown.refused()).isEqualTo((refused != null) ? refused : "");
	}

	@Test
	void theBannerSendsTheVisitorBackToThePageAndOffersToManageThere() {
		CookieBanner shown = this.factory.create(page(BannerSwitch.SAVED, decided(true, true)));

		assertThat(shown.returnPath()).isEqualTo("/datasets?q=paris");
		assertThat(shown.manageUrl()).isEqualTo("/datasets?q=paris&cookies=manage");
	}

	@ParameterizedTest(name = "outdated {0}, Sec-GPC {1}, decided {2} -> charter changed {3}, GPC honoured {4}")
	@CsvSource(textBlock = """
			false, false, false, false, false
			true,  false, false, true,  false
			false, true,  false, false, true
			false, true,  true,  false, false
			true,  true,  false, true,  true
			""")
	void theBannerSaysWhenTheCharterChangedAndWhenGlobalPrivacyControlIsHonoured(boolean outdated, boolean gpc,
			boolean hasDecision, boolean charterChanged, boolean gpcHonoured) {
		ConsentState consent = new ConsentState(hasDecision ? Map.of("statistics", true, "video", true) : null,
				outdated, gpc);

		CookieBanner shown = this.factory.create(page(BannerSwitch.NONE, consent));

		assertThat(shown.charterChanged()).isEqualTo(charterChanged);
		assertThat(shown.globalPrivacyControl()).isEqualTo(gpcHonoured);
	}

	@Test
	void theBannerOfAContextIsWorkedOutOnce() {
		PageContext context = page(BannerSwitch.NONE, ConsentState.NOBODY);

		assertThat(this.factory.create(context)).isSameAs(this.factory.create(page(BannerSwitch.NONE, ConsentState.NOBODY)));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(nullValues = "-", textBlock = """
			/datasets?q=paris,                 /datasets?q=paris&cookies=saved
			/datasets?q=paris&cookies=manage,  /datasets?q=paris&cookies=saved
			/datasets?cookies=manage#top,      /datasets?cookies=saved#top
			https://evil.example/,             /cookies?cookies=saved
			-,                                 /cookies?cookies=saved
			""")
	void afterADecisionTheVisitorReturnsToThePageWhichConfirmsIt(String page, String after) {
		assertThat(CookieBannerFactory.afterDecision(page)).isEqualTo(after);
	}

}
