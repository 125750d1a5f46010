package org.chartecookies.consent;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.chartecookies.registry.CookieRegistry;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.site.RequestSites;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Records a decision in the {@code cookies_preferences} cookie, deleting the cookies of the categories it refuses: a
 * browser's form post is sent back (303) to the page it came from; a script that asks for JSON gets the decision as
 * JSON. Also tells a script the visitor's current decision.
 */
@RestController
class ConsentController {

	static final String PATH = "/cookies/consent";

	private final ConsentDecisionFactory decisions;

	private final ConsentProperties properties;

	private final CookieWithdrawal withdrawal;

	private final ConsentCookieReader reader;

	private final RequestSites sites;

	private final DecisionMetrics metrics;

	private final ApplicationEventPublisher events;

	private final LocaleResolver languages;

	private final SnapshotHashes snapshots;

	ConsentController(ConsentDecisionFactory decisions, ConsentProperties properties, CookieWithdrawal withdrawal,
			ConsentCookieReader reader, RequestSites sites, DecisionMetrics metrics, ApplicationEventPublisher events,
			LocaleResolver languages, SnapshotHashes snapshots) {
		this.snapshots = snapshots;
		this.events = events;
		this.languages = languages;
		this.sites = sites;
		this.metrics = metrics;
		this.decisions = decisions;
		this.properties = properties;
		this.withdrawal = withdrawal;
		this.reader = reader;
	}

	@GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ConsentStatus> current(HttpServletRequest request) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(ConsentStatus.of(this.reader.consent(request), this.sites.of(request).registry()));
	}

	@PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ConsentAnswer> decideForScript(@RequestParam(name = "decision", required = false) @Nullable String choice,
			@RequestParam(name = "category", required = false) @Nullable List<String> categories,
			@RequestParam(name = "return", required = false) @Nullable String returnPath,
			@RequestParam(name = "revision", required = false) @Nullable String revision,
			@RequestParam(name = "snapshot", required = false) @Nullable String snapshot, HttpServletRequest request) {
		HostedSite site = this.sites.of(request);
		ConsentDecision decision = decide(new ConsentForm(choice, categories, returnPath, revision, snapshot), site,
				request);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.headers(cookies(decision, site, request))
			.body(ConsentAnswer.of(decision));
	}

	@PostMapping(path = PATH)
	ResponseEntity<Void> decide(@RequestParam(name = "decision", required = false) @Nullable String choice,
			@RequestParam(name = "category", required = false) @Nullable List<String> categories,
			@RequestParam(name = "return", required = false) @Nullable String returnPath,
			@RequestParam(name = "revision", required = false) @Nullable String revision,
			@RequestParam(name = "snapshot", required = false) @Nullable String snapshot, HttpServletRequest request) {
		ConsentForm form = new ConsentForm(choice, categories, returnPath, revision, snapshot);
		HostedSite site = this.sites.of(request);
		ConsentDecision decision = decide(form, site, request);
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.cacheControl(CacheControl.noStore())
			.headers(cookies(decision, site, request))
			// Without JavaScript, the page then confirms the decision (a decision with no choice needs no confirmation).
			.location(URI.create(decision.choices().isEmpty() ? ReturnPath.split(form.returnPath()).page()
					: CookieBannerFactory.afterDecision(form.returnPath())))
			.build();
	}

	private ConsentDecision decide(ConsentForm form, HostedSite site, HttpServletRequest request) {
		ConsentDecision decision = this.decisions.decide(form, site.registry());
		String kind = String.valueOf(form.decision());
		this.metrics.recorded(site.id(), kind, decision);
		Locale language = this.languages.resolveLocale(request);
		// The snapshot the form names, when it is one this instance made for this site, language and revision; else (a
		// script's own post, a value forged, malformed or another page's) the one current for the site and language,
		// and the record says that the form did not name it.
		boolean named = this.snapshots.named(form.snapshot(), site, language);
		String snapshot = named ? String.valueOf(form.snapshot()) : this.snapshots.current(site, language);
		// Listeners only take note (the record writer queues it): the answer never waits on a database.
		this.events.publishEvent(new ConsentDecided(site.id(), decision, kind, "1".equals(request.getHeader("Sec-GPC")),
				language.getLanguage(), ReturnPath.pathOnly(form.returnPath()), snapshot, named));
		return decision;
	}

	private HttpHeaders cookies(ConsentDecision decision, HostedSite site, HttpServletRequest request) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.SET_COOKIE, cookie(decision, site, request).toString());
		this.withdrawal.deletions(decision, request)
			.forEach((deletion) -> headers.add(HttpHeaders.SET_COOKIE, deletion.toString()));
		return headers;
	}

	/** The site's own cookie domain, else the deployment's ({@code charte.consent.domain}), else host-only. */
	private ResponseCookie cookie(ConsentDecision decision, HostedSite site, HttpServletRequest request) {
		Instant expiry = this.properties.expiry(decision.decidedAt());
		return ResponseCookie.from(ConsentCookieCodec.COOKIE_NAME, ConsentCookieCodec.encode(decision))
			.path("/")
			.domain((site.cookieDomain() != null) ? site.cookieDomain() : this.properties.domain())
			.sameSite("Lax")
			// Behind a TLS-terminating proxy, isSecure() follows X-Forwarded-Proto (server.forward-headers-strategy).
			.secure(request.isSecure())
			// Readable by page scripts on purpose: tag managers gate on it.
			.httpOnly(false)
			.maxAge(Duration.between(decision.decidedAt(), expiry))
			.build();
	}

	/** The visitor's consent as JSON: what a script may do now. Undecided optional categories are refused. */
	record ConsentStatus(boolean decided, int revision, @Nullable Instant decidedAt, @Nullable String consentId,
			Map<String, Boolean> categories, boolean globalPrivacyControl) {

		static ConsentStatus of(VisitorConsent consent, CookieRegistry registry) {
			Map<String, Boolean> categories = new LinkedHashMap<>();
			registry.optionalCategories().forEach((category) -> categories.put(category.id(), consent.accepts(category.id())));
			ConsentDecision decision = consent.decision();
			return new ConsentStatus(decision != null, registry.revision(),
					(decision != null) ? decision.decidedAt() : null, (decision != null) ? decision.consentId() : null,
					categories, consent.globalPrivacyControl());
		}

	}

	/** The JSON answer: the decision, for the banner script and for tag managers. */
	record ConsentAnswer(int revision, Instant decidedAt, String consentId, Map<String, Boolean> categories) {

		static ConsentAnswer of(ConsentDecision decision) {
			return new ConsentAnswer(decision.revision(), decision.decidedAt(), decision.consentId(),
					decision.choices());
		}

	}

}
