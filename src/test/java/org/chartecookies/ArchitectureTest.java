package org.chartecookies;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.chartecookies.web.PageController;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Data flows one way: registry -> (charter | consent) -> templates. Nothing reaches back up, and web stays apart:
 * it knows no feature, and the features use its page cache and its {@code @PageController}. Records listen to the
 * decisions consent publishes: nothing on the visitor's path knows them.
 */
class ArchitectureTest {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.chartecookies");

	@Test
	void registryDependsOnNoFeature() {
		noClasses().that()
			.resideInAPackage("..registry..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.chartecookies.charter..", "org.chartecookies.consent..", "org.chartecookies.web..",
					"org.chartecookies.records..")
			.check(CLASSES);
	}

	/** The registry is read from files and served by the web layer, which alone knows requests ({@code site}). */
	@Test
	void registryKnowsNoServletTypes() {
		noClasses().that()
			.resideInAPackage("..registry..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "org.springframework.web..")
			.check(CLASSES);
	}

	@Test
	void charterAndConsentDoNotKnowEachOther() {
		noClasses().that()
			.resideInAPackage("..charter..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..consent..")
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage("..consent..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..charter..")
			.check(CLASSES);
	}

	@Test
	void webDependsOnNoFeature() {
		noClasses().that()
			.resideInAPackage("..web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..registry..", "..charter..", "..consent..", "..records..")
			.check(CLASSES);
	}

	/**
	 * A decision is published by consent and kept by records, which reads nothing else of the application: the
	 * visitor's path (charter, consent, web) never calls the database, and records never serve a page.
	 */
	@Test
	void recordsOnlyListenToConsent() {
		noClasses().that()
			.resideInAnyPackage("..registry..", "..charter..", "..consent..", "..web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..records..")
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage("..records..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..charter..", "..web..")
			.check(CLASSES);
		noClasses().that()
			.resideInAnyPackage("..registry..", "..charter..", "..consent..", "..web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..")
			.check(CLASSES);
	}

	/**
	 * Snapshots of what was shown read consent and the charter and render with the templates; nothing of the visitor's
	 * path or of the records knows them but through consent's interfaces, and they never touch a database or a request.
	 */
	@Test
	void snapshotsAreMadeApartAndKeptByTheRecordsThroughConsent() {
		noClasses().that()
			.resideInAnyPackage("..registry..", "..charter..", "..consent..", "..web..", "..records..", "..admin..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.chartecookies.snapshot..")
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage("org.chartecookies.snapshot..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..records..", "..admin..", "jakarta.servlet..", "org.springframework.jdbc..", "java.sql..")
			.check(CLASSES);
	}

	/**
	 * A request is read once, by the page context's resolver: the page context and the banner built from it are values
	 * and pure logic, and page controllers get what they need as arguments, so that a page's model depends on its
	 * context alone (the render cache keys on it).
	 */
	@Test
	void pagesDependOnTheirContextNotOnTheRequest() {
		noClasses().that()
			.haveNameMatching(".*\\.consent\\.(PageContext|ConsentState|CookieBanner|CookieBannerFactory|ReturnPath|BannerSwitch)(\\$.*)?")
			.or()
			.areAnnotatedWith(PageController.class)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("jakarta.servlet..")
			.check(CLASSES);
	}

	/**
	 * The back office reads the records (through their public read side) and the registry; nothing else of the
	 * application knows it, so the visitor's path never reaches a class that needs a session or a login.
	 */
	@Test
	void onlyTheBackOfficeKnowsTheBackOffice() {
		// The feature packages, not the application's root package: Spring AOT's generated registrations (left in
		// target/classes by an earlier package) name every bean.
		noClasses().that()
			.resideInAnyPackage("..registry..", "..charter..", "..consent..", "..web..", "..records..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..admin..")
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage("..admin..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..charter..", "..consent..")
			.check(CLASSES);
		noClasses().that()
			.resideInAnyPackage("..registry..", "..charter..", "..consent..", "..web..", "..records..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.security..")
			.check(CLASSES);
	}

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("org.chartecookies.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

}
