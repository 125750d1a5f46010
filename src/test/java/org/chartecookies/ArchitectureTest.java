package org.chartecookies;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Data flows one way: registry -> (charter | consent) -> templates. Nothing reaches back up, and web stays apart.
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
			.resideInAnyPackage("..charter..", "..consent..", "..web..")
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
			.resideInAnyPackage("..registry..", "..charter..", "..consent..")
			.check(CLASSES);
	}

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("org.chartecookies.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

}
