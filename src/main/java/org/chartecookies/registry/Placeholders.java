package org.chartecookies.registry;

import java.util.List;
import java.util.Optional;

/**
 * The words the audit's suggested entries (docs/audit.md) leave for the operator to complete: a registry that still
 * holds one is refused, at load and by {@code --charte.registry.validate}, so that a suggestion pasted as it is can
 * never be published on the charter.
 */
public final class Placeholders {

	/** An English text (a provider, a service, a purpose) to write. */
	public static final String TO_FILL_IN = "TO FILL IN";

	/** A French text to write. */
	public static final String FRENCH_TO_FILL_IN = "À REMPLIR";

	/** A French text to translate from the English beside it. */
	public static final String FRENCH_TO_TRANSLATE = "À TRADUIRE";

	private static final List<String> ALL = List.of(TO_FILL_IN, FRENCH_TO_FILL_IN, FRENCH_TO_TRANSLATE);

	private Placeholders() {
	}

	/** The placeholder this text holds, if any. */
	static Optional<String> in(String text) {
		return ALL.stream().filter(text::contains).findFirst();
	}

}
