package org.chartecookies.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.chartecookies.registry.CookieCategory;
import org.chartecookies.registry.CookieDeclaration;
import org.chartecookies.registry.CookieRegistry;

/**
 * The findings of one site's visits against its registry: pure logic, no browser.
 */
final class AuditFindings {

	private final CookieRegistry registry;

	AuditFindings(CookieRegistry registry) {
		this.registry = registry;
	}

	/** The findings of the visits (all of one site), visit by visit, then the declarations seen nowhere. */
	List<Finding> of(List<PageVisit> visits) {
		Set<Finding> findings = new LinkedHashSet<>();
		Set<CookieDeclaration> seen = new LinkedHashSet<>();
		for (PageVisit visit : visits) {
			for (SeenCookie cookie : visit.cookies()) {
				Optional<CookieDeclaration> declared = declaration(cookie);
				declared.ifPresent(seen::add);
				findings.addAll(cookieFindings(visit, cookie, declared));
			}
			if (visit.state() != VisitState.ACCEPTED) {
				findings.addAll(hostFindings(visit));
			}
		}
		for (CookieDeclaration declaration : this.registry.cookies()) {
			if (!seen.contains(declaration)) {
				findings.add(new Finding(FindingKind.NEVER_SEEN, null, null, declaration.name(), declaration.domain(),
						"declared (" + declaration.category() + ", " + declaration.lifetime()
								+ ") but seen in no state on any page scanned"));
			}
		}
		return List.copyOf(findings);
	}

	/**
	 * The declaration a cookie is: its name matches (a {@code *} standing for any characters) and, when the
	 * declaration names a domain, the cookie belongs to it (that domain or a subdomain). The first that fits, in
	 * registry order.
	 */
	Optional<CookieDeclaration> declaration(SeenCookie cookie) {
		return this.registry.cookies()
			.stream()
			.filter((declaration) -> declaration.matches(cookie.name()) && within(cookie.host(), declaration.domain()))
			.findFirst();
	}

	/**
	 * A declaration of this cookie's name (a pattern honoured) for a domain the cookie is not within: the cookie is
	 * undeclared, but a second entry of that name is not the fix.
	 */
	Optional<CookieDeclaration> elsewhere(SeenCookie cookie) {
		return this.registry.cookies()
			.stream()
			.filter((declaration) -> declaration.matches(cookie.name()) && !within(cookie.host(), declaration.domain()))
			.findFirst();
	}

	private static boolean within(String host, @org.jspecify.annotations.Nullable String domain) {
		if (domain == null) {
			return true;
		}
		String bare = (domain.startsWith(".") ? domain.substring(1) : domain).toLowerCase(Locale.ROOT);
		return host.equals(bare) || host.endsWith("." + bare);
	}

	private List<Finding> cookieFindings(PageVisit visit, SeenCookie cookie, Optional<CookieDeclaration> declared) {
		List<Finding> findings = new ArrayList<>();
		String lifetime = Lifetimes.describe(visit.at(), cookie.expires())
				+ (Lifetimes.atChromiumsCap(visit.at(), cookie.expires()) ? Lifetimes.CAP_NOTE : "");
		if (declared.isEmpty()) {
			findings.add(finding(FindingKind.UNDECLARED, visit, cookie, "not in the registry (domain " + cookie.domain()
					+ ", path " + cookie.path() + ", lifetime " + lifetime + ")" + elsewhere(cookie)
						.map((other) -> "; " + other.name() + " is declared for the domain " + other.domain())
						.orElse("")));
			return findings;
		}
		CookieDeclaration declaration = declared.get();
		boolean optional = this.registry.category(declaration.category()).map(CookieCategory::isOptional).orElse(false);
		if (optional && visit.state() != VisitState.ACCEPTED) {
			findings.add(finding(
					(visit.state() == VisitState.NONE) ? FindingKind.BEFORE_CONSENT : FindingKind.AFTER_REFUSAL, visit,
					cookie, "set " + ((visit.state() == VisitState.NONE) ? "with no decision" : "after a refusal")
							+ ": it is declared as " + declaration.name() + " in the optional category "
							+ declaration.category()));
		}
		if (Lifetimes.over(declaration.lifetime(), visit.at(), cookie.expires())) {
			findings.add(finding(FindingKind.LIFETIME_OVER_DECLARED, visit, cookie,
					"lives " + lifetime + ", declared " + declaration.lifetime()));
		}
		if (!optional && Lifetimes.overThirteenMonths(visit.at(), cookie.expires())) {
			findings.add(finding(FindingKind.LIFETIME_OVER_13_MONTHS, visit, cookie, "lives " + lifetime
					+ ", over 13 months, in the category " + declaration.category() + " (exempt from consent)"));
		}
		return findings;
	}

	/** A third-party host that serves a cookie of an optional category, contacted with no decision or after a refusal. */
	private List<Finding> hostFindings(PageVisit visit) {
		List<Finding> findings = new ArrayList<>();
		for (String host : visit.otherHosts()) {
			List<String> served = this.registry.cookies()
				.stream()
				.filter((declaration) -> declaration.domain() != null && within(host, declaration.domain())
						&& this.registry.category(declaration.category()).map(CookieCategory::isOptional).orElse(false))
				.map((declaration) -> declaration.name() + " (" + declaration.category() + ")")
				.toList();
			if (!served.isEmpty()) {
				findings.add(new Finding(
						(visit.state() == VisitState.NONE) ? FindingKind.BEFORE_CONSENT : FindingKind.AFTER_REFUSAL,
						visit.state(), visit.page(), null, host,
						"contacted " + ((visit.state() == VisitState.NONE) ? "with no decision" : "after a refusal")
								+ "; it serves " + String.join(", ", served)));
			}
		}
		return findings;
	}

	private static Finding finding(FindingKind kind, PageVisit visit, SeenCookie cookie, String detail) {
		return new Finding(kind, visit.state(), visit.page(), cookie.name(), cookie.host(), detail);
	}

}
