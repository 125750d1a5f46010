package org.chartecookies.registry;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.springframework.boot.validation.MessageInterpolatorFactory;
import org.springframework.core.io.FileSystemResource;

/**
 * {@code java -jar charte-cookies.jar --charte.registry.validate=PATH}: checks a registry file, or a folder of them,
 * as the application checks them at start-up (the same messages), without starting it, and exits 0 when every file
 * is valid, 1 otherwise, 2 when no path is given.
 */
public final class RegistryValidation {

	/** The option that runs this check instead of the application, followed by {@code =PATH}. */
	public static final String OPTION = "--charte.registry.validate";

	private RegistryValidation() {
	}

	/**
	 * Checks the file or the folder at {@code path}; says what it found; the exit status: 0, 1, or 2 when no path is
	 * given (the working folder, which an empty path would name, is not checked in its place).
	 */
	public static int run(String path, PrintStream out, PrintStream err) {
		String given = path.strip();
		if (given.isEmpty()) {
			err.println(OPTION + " needs the path of a registry file or folder: " + OPTION
					+ "=/config/cookies.yaml");
			return 2;
		}
		return check(Path.of(given), out, err);
	}

	private static int check(Path given, PrintStream out, PrintStream err) {
		try (ValidatorFactory validation = Validation.byDefaultProvider()
			.configure()
			.messageInterpolator(new MessageInterpolatorFactory().getObject())
			.buildValidatorFactory()) {
			RegistryLoader loader = new RegistryLoader(validation.getValidator());
			if (Files.isDirectory(given)) {
				Sites sites = Sites.folder(given, null, loader);
				Map<String, String> problems = sites.problems();
				problems.values().forEach(err::println);
				sites.all()
					.forEach((site) -> out.println(site.id() + ": valid, " + summary(site.registry())
							+ (problems.keySet().stream().anyMatch((file) -> file.startsWith(site.id() + "."))
									? " (but see above)" : "")));
				return problems.isEmpty() ? 0 : 1;
			}
			CookieRegistry registry = loader.load(new FileSystemResource(given));
			out.println(given + ": valid, " + summary(registry));
			return 0;
		}
		catch (InvalidRegistryException ex) {
			err.println(ex.getMessage());
			return 1;
		}
	}

	private static String summary(CookieRegistry registry) {
		return "revision " + registry.revision() + ", " + registry.categories().size() + " categories, "
				+ registry.cookies().size() + " cookies";
	}

}
