package org.chartecookies.audit;

/** What a finding says is wrong (or, for {@link #NEVER_SEEN}, worth a look). */
public enum FindingKind {

	/** A cookie the registry does not list. */
	UNDECLARED("undeclared"),

	/** A cookie of an optional category, or a third-party host serving one, with no decision yet. */
	BEFORE_CONSENT("before-consent"),

	/** The same after every optional category was refused. */
	AFTER_REFUSAL("after-refusal"),

	/** A cookie living longer than its declared lifetime (a day of tolerance). */
	LIFETIME_OVER_DECLARED("lifetime-over-declared"),

	/** A cookie of an exempt (required) category living over 13 months, the CNIL's limit for exempt cookies. */
	LIFETIME_OVER_13_MONTHS("lifetime-over-13-months"),

	/** Declared, seen in no state on any page scanned: a stale line of the charter? Information, not a failure. */
	NEVER_SEEN("never-seen");

	private final String id;

	FindingKind(String id) {
		this.id = id;
	}

	/** The kind's name in the report. */
	public String id() {
		return this.id;
	}

	/** Whether a finding of this kind fails the audit (exit status 1). */
	public boolean fails() {
		return this != NEVER_SEEN;
	}

}
