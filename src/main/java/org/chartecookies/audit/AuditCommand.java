package org.chartecookies.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.chartecookies.consent.ConsentProperties;
import org.chartecookies.registry.InvalidRegistryException;
import org.chartecookies.registry.RegistryProperties;
import org.chartecookies.registry.Sites;

import org.springframework.beans.BeansException;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.validation.MessageInterpolatorFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar charte-cookies.jar --charte.audit.pages=URL[,URL…] --charte.audit.report=DIR}: scans the pages
 * in headless Chromium against the registry (read as the application reads it), writes the report, and exits 0 when
 * clean, 1 when a finding other than never-seen was made, 2 when the scan could not run or a page could not be
 * audited. The application is not started: only the audit's, the registry's and the consent cookie's properties are
 * read, as Spring Boot reads them (arguments, environment, application.properties).
 */
public final class AuditCommand {

	/** The argument that runs the audit instead of the application. */
	public static final String ARGUMENT = "--charte.audit.pages=";

	/**
	 * What an audit option starts with: any argument that does selects the audit, so that a mistyped one is refused
	 * rather than taken for a property of the application, which would start its server and never end a CI job.
	 */
	public static final String PREFIX = "--charte.audit.";

	/**
	 * The logging of a run from the command line (given first, so that the operator's own arguments win): the audit's
	 * messages only. A setting Spring Boot cannot bind is said in one line by the command ({@link AuditSettings#problem}),
	 * so neither Spring Boot's failure report nor the context's warning about the same exception is wanted. Not set
	 * by {@link #run}: logging levels outlive the run, and would quiet the other tests of the same JVM.
	 */
	public static final List<String> QUIET = List.of("--logging.level.root=warn",
			"--logging.level.org.springframework.context=error",
			"--logging.level.org.springframework.boot.diagnostics=off");

	private AuditCommand() {
	}

	/** The properties the audit reads, and nothing else of the application. */
	@EnableConfigurationProperties({ AuditProperties.class, RegistryProperties.class, ConsentProperties.class })
	static class Settings {

	}

	/** Whether this argument of the command line selects the audit (an audit option, known or not). */
	public static boolean selects(String arg) {
		return arg.startsWith(PREFIX);
	}

	/** Runs the audit; says what it did; the exit status. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		String unknown = AuditSettings.unknownOption(args);
		if (unknown != null) {
			err.println("The audit could not run: unknown option " + unknown + " (the audit's options are "
					+ String.join(", ", AuditSettings.options()) + ")");
			return 2;
		}
		SpringApplication application = new SpringApplication(Settings.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setRegisterShutdownHook(false);
		try (ConfigurableApplicationContext context = application.run(args)) {
			return run(context.getBean(AuditProperties.class), context.getBean(RegistryProperties.class),
					context.getBean(ConsentProperties.class), context, out, err);
		}
		catch (BeansException ex) {
			err.println("The audit could not run: " + AuditSettings.problem(ex));
			return 2;
		}
	}

	static int run(AuditProperties properties, RegistryProperties registry, ConsentProperties consent,
			org.springframework.core.io.ResourceLoader resources, PrintStream out, PrintStream err) {
		try {
			AuditSettings.check(properties, err);
			Path folder = reportFolder(properties.report());
			Sites sites;
			try (ValidatorFactory validation = Validation.byDefaultProvider()
				.configure()
				.messageInterpolator(new MessageInterpolatorFactory().getObject())
				.buildValidatorFactory()) {
				sites = Sites.load(registry, resources, validation.getValidator());
			}
			Audit audit = new Audit(properties, sites, new ConsentPresets(consent.domain(), consent.lifetime()),
					System.getenv("PATH"));
			List<java.net.URI> pages = audit.pages();
			out.println("Registry: " + registrySource(registry));
			out.println("Scanning " + pages.size() + (pages.size() == 1 ? " page" : " pages")
					+ " in 3 states (no decision, refused, accepted)...");
			AuditReport report = audit.run(pages).against(registrySource(registry));
			String sha256 = ReportFiles.write(report, folder);
			summary(report, folder, sha256, out);
			return report.exitStatus();
		}
		catch (AuditException ex) {
			err.println("The audit could not run: " + ex.getMessage());
			return 2;
		}
		catch (InvalidRegistryException ex) {
			err.println("The audit could not run: " + ex.getMessage());
			return 2;
		}
		catch (IOException ex) {
			err.println("The audit could not write its report: " + ex.getMessage());
			return 2;
		}
		catch (RuntimeException ex) {
			// Not foreseen: said in one line all the same, with status 2, for the operator's CI.
			err.println("The audit failed: " + ex);
			return 2;
		}
	}

	/**
	 * Which registry the audit checks the pages against, in words: the folder, the file, or the example shipped in the
	 * jar, which an operator who named none would otherwise audit against without knowing it.
	 */
	static String registrySource(RegistryProperties registry) {
		if (registry.folder() != null && !registry.folder().isBlank()) {
			return "the folder " + registry.folder().strip();
		}
		if (registry.location().strip().equals(RegistryProperties.DEFAULT_LOCATION)) {
			return "the example shipped in the jar: name yours with --charte.registry.location or --charte.registry.folder";
		}
		return "the file " + registry.location().strip();
	}

	/** The report's folder, made if missing, checked writable before the scan starts. */
	static Path reportFolder(String report) throws AuditException {
		if (report == null || report.isBlank()) {
			throw new AuditException("no report folder: name it with --charte.audit.report=DIR");
		}
		Path folder;
		try {
			folder = Path.of(report.strip()).toAbsolutePath();
		}
		catch (InvalidPathException ex) {
			throw new AuditException("not a folder name: " + report);
		}
		try {
			Files.createDirectories(folder);
			Path probe = Files.createTempFile(folder, ".audit-", ".tmp");
			Files.delete(probe);
		}
		catch (IOException | SecurityException ex) {
			throw new AuditException("cannot write the report to " + folder + " ("
					+ ((ex instanceof java.nio.file.FileAlreadyExistsException) ? "a file is in the way"
							: ex.getClass().getSimpleName().replace("Exception", "").replaceAll("(?<=[a-z])(?=[A-Z])", " ")
								.toLowerCase(java.util.Locale.ROOT))
					+ ")");
		}
		return folder;
	}

	private static void summary(AuditReport report, Path folder, String sha256, PrintStream out) {
		report.pages()
			.stream()
			.flatMap((page) -> page.visits().stream())
			.filter(PageVisit::failed)
			.forEach((visit) -> out.println("Not audited: " + visit.page() + " (" + visit.state().id() + "): "
					+ visit.problem()));
		report.pages()
			.stream()
			.flatMap((page) -> page.visits().stream())
			.filter((visit) -> !visit.unobservedHosts().isEmpty())
			.forEach((visit) -> out.println("Not observed (information): " + String.join(", ", visit.unobservedHosts())
					+ ", asked by " + visit.page() + " (" + visit.state().id() + "): the cookies it would set are unknown"));
		Map<String, Integer> kinds = new TreeMap<>();
		report.findings().forEach((finding) -> kinds.merge(finding.kind().id(), 1, Integer::sum));
		kinds.forEach((kind, count) -> out.println(kind + ": " + count));
		out.println("Report: " + folder.resolve(ReportFiles.HTML_FILE) + " and " + ReportFiles.JSON_FILE + " (SHA-256 "
				+ sha256 + ")");
		out.println(switch (report.exitStatus()) {
			case 0 -> "Clean: no finding (other than never-seen).";
			case 1 -> report.failures().size() + ((report.failures().size() == 1) ? " finding." : " findings.");
			default -> "Incomplete: some pages could not be audited; " + report.failures().size()
					+ ((report.failures().size() == 1) ? " finding" : " findings") + " on the others.";
		});
	}

}
