package org.chartecookies.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.chartecookies.registry.CookieDeclaration;
import org.chartecookies.site.RequestSites;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Refusing a category takes effect at once: every cookie of that category the browser sent is deleted, with the
 * domain and path the registry declares for it (and host-only too, in case it was set that way).
 */
@Component
class CookieWithdrawal {

	/**
	 * At most this many bytes of deletions in one answer, so that its headers stay within what the server sends (8 KB
	 * by default) with the decision's own cookie: a visitor carrying dozens of cookies of a refused category (or a
	 * sibling subdomain planting them) must never make the refusal itself fail. The cookies past it are left.
	 */
	static final int MOST_BYTES = 5 * 1024;

	private final RequestSites sites;

	CookieWithdrawal(RequestSites sites) {
		this.sites = sites;
	}

	/** The deletions a decision asks for, of the cookies the request carries, as the request's site declares them. */
	List<ResponseCookie> deletions(ConsentDecision decision, HttpServletRequest request) {
		Set<String> refused = decision.choices()
			.entrySet()
			.stream()
			.filter((choice) -> !choice.getValue())
			.map((choice) -> choice.getKey())
			.collect(Collectors.toSet());
		Cookie[] sent = request.getCookies();
		List<ResponseCookie> deletions = new ArrayList<>();
		if (refused.isEmpty() || sent == null) {
			return deletions;
		}
		int size = 0;
		for (Cookie cookie : sent) {
			for (CookieDeclaration declared : this.sites.of(request).registry().cookies()) {
				if (refused.contains(declared.category()) && declared.matches(cookie.getName())) {
					List<ResponseCookie> these = new ArrayList<>();
					these.add(deletion(cookie.getName(), declared, declared.domain(), request));
					if (declared.domain() != null) {
						these.add(deletion(cookie.getName(), declared, null, request));
					}
					size += these.stream().mapToInt((deletion) -> deletion.toString().length() + 14).sum();
					if (size > MOST_BYTES) {
						return deletions;
					}
					deletions.addAll(these);
					break;
				}
			}
		}
		return deletions;
	}

	private static ResponseCookie deletion(String name, CookieDeclaration declared, String domain,
			HttpServletRequest request) {
		return ResponseCookie.from(name, "")
			.path(declared.effectivePath())
			.domain(domain)
			.maxAge(0)
			.secure(request.isSecure())
			.build();
	}

}
