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
 * is valid, 1 otherwise.
 */
public final class RegistryValidation {

	/** The argument that runs this check instead of the application. */
	public static final String ARGUMENT = "--charte.registry.validate=";

	private RegistryValidation() {
	}

	/** Checks the file or the folder at {@code path}; says what it found; the exit status. */
	public static int run(String path, PrintStream out, PrintStream err) {
		Path given = Path.of(path.strip());
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
