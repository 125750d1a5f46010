package org.chartecookies;

import java.io.IOException;
import java.util.stream.Stream;

import org.chartecookies.admin.PasswordHashCommand;
import org.chartecookies.audit.AuditCommand;
import org.chartecookies.registry.RegistryValidation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;

/**
 * The application. Spring Security guards the back office only (admin package): Spring Boot's registration of its
 * filter for every address, and its generated user, are left out. {@code hash-password} as the first argument makes a
 * back-office password's hash instead of starting ({@link PasswordHashCommand}), any other first argument that is no
 * option is refused (exit status 2), {@code --charte.registry.validate=PATH} checks registry files
 * ({@link RegistryValidation}), {@code --charte.audit.pages=URL[,URL…]} audits the platform's pages in a browser
 * against the registry ({@link AuditCommand}; any {@code --charte.audit.} option selects it, so that a mistyped one
 * is refused rather than starting the application).
 */
@SpringBootApplication(exclude = { SecurityFilterAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class })
@ConfigurationPropertiesScan
public class CharteCookiesApplication {

	public static void main(String[] args) throws IOException {
		if (args.length > 0 && !args[0].startsWith("-")) {
			// A first argument that is no option names a command: the application would start and ignore it.
			if (args[0].equals(PasswordHashCommand.NAME)) {
				System.exit(PasswordHashCommand.run(System.in, System.out, System.err));
			}
			System.err.println("charte-cookies: unknown command '" + args[0] + "': the only command is "
					+ PasswordHashCommand.NAME + "; options start with -- (--charte.registry.validate=PATH)");
			System.exit(2);
		}
		for (String arg : args) {
			// Without "=PATH" too: Spring would take the option for a property and start the application.
			if (arg.equals(RegistryValidation.OPTION) || arg.startsWith(RegistryValidation.OPTION + "=")) {
				// The check's own messages only, not the libraries' start-up lines.
				LoggingSystem.get(CharteCookiesApplication.class.getClassLoader())
					.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
				String path = arg.substring(Math.min(arg.length(), RegistryValidation.OPTION.length() + 1));
				System.exit(RegistryValidation.run(path, System.out, System.err));
			}
			if (AuditCommand.selects(arg)) {
				// The audit's own messages only, as for the registry check (its Spring application sets up logging).
				String[] quiet = Stream.concat(AuditCommand.QUIET.stream(), Stream.of(args)).toArray(String[]::new);
				System.exit(AuditCommand.run(quiet, System.out, System.err));
			}
		}
		SpringApplication.run(CharteCookiesApplication.class, args);
	}

}
