package org.chartecookies.audit;

import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.validation.FieldError;

/**
 * The audit's settings as the command line gives them: an option it does not know, a value Spring Boot cannot bind,
 * a value it binds but the audit cannot use, each said in one line (the run then ends with status 2).
 */
final class AuditSettings {

	private AuditSettings() {
	}

	/** The audit's options, as they are typed: one per property of {@link AuditProperties}. */
	static List<String> options() {
		return Arrays.stream(AuditProperties.class.getRecordComponents())
			.map(RecordComponent::getName)
			.map((name) -> AuditCommand.PREFIX + name.replaceAll("(?<=[a-z])(?=[A-Z])", "-").toLowerCase(Locale.ROOT))
			.toList();
	}

	/**
	 * The first argument that is an audit option the audit does not know (what it would be bound to, nothing), or
	 * null. The forms Spring Boot binds are known: {@code page-timeout}, {@code pageTimeout}, {@code page_timeout},
	 * and a list's items by index ({@code browser-arguments[0]}).
	 */
	static @Nullable String unknownOption(String[] args) {
		List<String> known = options().stream().map(AuditSettings::canonical).toList();
		for (String arg : args) {
			if (AuditCommand.selects(arg)) {
				String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
				if (!known.contains(canonical(option))) {
					return option;
				}
			}
		}
		return null;
	}

	private static String canonical(String option) {
		return option.replaceAll("\\[\\d+]$", "").replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
	}

	/**
	 * Checks what binding leaves to the audit: the pages and the report folder named together, durations that are
	 * durations of something; warns of a quiet period longer than the audit ever waits.
	 */
	static void check(AuditProperties properties, PrintStream err) throws AuditException {
		boolean pages = properties.pages().stream().anyMatch((page) -> !page.isBlank());
		if (!pages) {
			throw new AuditException("no page to scan: name them with --charte.audit.pages=URL[,URL...]"
					+ ((properties.report() != null) ? " (--charte.audit.report is given)" : ""));
		}
		positive("page-timeout", properties.pageTimeout());
		positive("total-timeout", properties.totalTimeout());
		if (properties.quietPeriod().isNegative()) {
			throw new AuditException(AuditCommand.PREFIX + "quiet-period=" + properties.quietPeriod().toMillis()
					+ "ms: a quiet period cannot be negative (0 reads a page as soon as it is loaded)");
		}
		if (properties.quietPeriod().compareTo(AuditScan.SETTLE_LIMIT) > 0) {
			err.println("Warning: " + AuditCommand.PREFIX + "quiet-period is " + properties.quietPeriod().toMillis()
					+ "ms, but the audit waits at most " + AuditScan.SETTLE_LIMIT.toSeconds()
					+ " s after a page's load: it reads the page then");
		}
	}

	private static void positive(String option, Duration value) throws AuditException {
		if (value.isNegative() || value.isZero()) {
			throw new AuditException(AuditCommand.PREFIX + option + "=" + value.toMillis() + "ms: it must be longer "
					+ "than zero");
		}
	}

	/** What is wrong with a setting Spring Boot could not bind, in one line. */
	static String problem(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindValidationException invalid) {
				String prefix = "--" + invalid.getValidationErrors().getName() + ".";
				return invalid.getValidationErrors()
					.getAllErrors()
					.stream()
					.map((error) -> (error instanceof FieldError field)
							? prefix + field.getField() + "=" + field.getRejectedValue() + ": " + field.getDefaultMessage()
							: error.getDefaultMessage())
					.collect(Collectors.joining("; "));
			}
			if (cause instanceof BindException binding && binding.getProperty() != null) {
				return "--" + binding.getName() + "=" + binding.getProperty().getValue() + ": "
						+ NestedExceptionUtils.getMostSpecificCause(binding).getMessage()
						+ ((binding.getTarget().getType().resolve() == Duration.class) ? " (a duration: 30s, 500ms, 2m)"
								: "");
			}
		}
		return "a setting is invalid: " + failure.getMessage();
	}

}
