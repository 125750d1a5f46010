package org.chartecookies.audit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an audit found: the findings, every page's visits as evidence, the suggested registry entries, when it ran.
 * Its JSON form ({@code report.json}) carries the SHA-256 of itself: of its compact JSON without the {@code sha256}
 * member ({@code jq -cj 'del(.sha256)' report.json | sha256sum}).
 */
public record AuditReport(Instant started, Instant finished, List<PageReport> pages, List<Finding> findings,
		List<Suggestion> suggestions, @Nullable String registry) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One page: the site that answers its host, the registry revision audited, its visits in each state. */
	public record PageReport(URI url, String site, int revision, List<PageVisit> visits) {
	}

	/** A registry entry ready to paste for an undeclared cookie of a site. */
	public record Suggestion(String site, String cookie, String entry) {
	}

	public AuditReport {
		pages = List.copyOf(pages);
		findings = List.copyOf(findings);
		suggestions = List.copyOf(suggestions);
	}

	/** A report that does not say which registry it was made against. */
	public AuditReport(Instant started, Instant finished, List<PageReport> pages, List<Finding> findings,
			List<Suggestion> suggestions) {
		this(started, finished, pages, findings, suggestions, null);
	}

	/**
	 * The same report, saying which registry it was made against ({@link AuditCommand#registrySource}): a report
	 * kept as evidence names what it checked.
	 */
	public AuditReport against(String registrySource) {
		return new AuditReport(this.started, this.finished, this.pages, this.findings, this.suggestions, registrySource);
	}

	/** Whether every page could be visited in every state. */
	public boolean complete() {
		return this.pages.stream().flatMap((page) -> page.visits().stream()).noneMatch(PageVisit::failed);
	}

	/** The findings that fail the audit (all but never-seen). */
	public List<Finding> failures() {
		return this.findings.stream().filter((finding) -> finding.kind().fails()).toList();
	}

	/** 2 when a page could not be audited, 1 when a finding fails the audit, 0 when clean. */
	public int exitStatus() {
		return !complete() ? 2 : failures().isEmpty() ? 0 : 1;
	}

	/** The report as JSON, its {@code sha256} member last. */
	public ObjectNode json() {
		ObjectNode body = body();
		body.put("sha256", sha256(JSON.writeValueAsString(body)));
		return body;
	}

	/** The SHA-256 of the report, as {@link #json} records it. */
	public String sha256() {
		return sha256(JSON.writeValueAsString(body()));
	}

	private ObjectNode body() {
		ObjectNode root = JSON.createObjectNode();
		ArrayNode findings = root.putArray("findings");
		for (Finding finding : this.findings) {
			ObjectNode node = findings.addObject().put("kind", finding.kind().id());
			node.put("state", (finding.state() != null) ? finding.state().id() : null);
			node.put("page", text(finding.page()));
			node.put("cookie", finding.cookie());
			node.put("host", finding.host());
			node.put("detail", finding.detail());
		}
		ArrayNode pages = root.putArray("pages");
		for (PageReport page : this.pages) {
			ObjectNode node = pages.addObject().put("url", page.url().toString()).put("site", page.site())
				.put("revision", page.revision());
			ArrayNode visits = node.putArray("visits");
			for (PageVisit visit : page.visits()) {
				ObjectNode seen = visits.addObject().put("state", visit.state().id()).put("at", visit.at().toString());
				seen.put("problem", visit.problem());
				ArrayNode cookies = seen.putArray("cookies");
				for (SeenCookie cookie : visit.cookies()) {
					cookies.addObject().put("name", cookie.name()).put("domain", cookie.domain())
						.put("path", cookie.path()).put("expires", text(cookie.expires()))
						.put("secure", cookie.secure()).put("httpOnly", cookie.httpOnly())
						.put("sameSite", cookie.sameSite());
				}
				visit.localStorage().forEach(seen.putArray("localStorage")::add);
				visit.sessionStorage().forEach(seen.putArray("sessionStorage")::add);
				visit.otherHosts().forEach(seen.putArray("thirdPartyHosts")::add);
				visit.unobservedHosts().forEach(seen.putArray("unobservedHosts")::add);
			}
		}
		ArrayNode suggestions = root.putArray("suggestions");
		this.suggestions.forEach((suggestion) -> suggestions.addObject().put("site", suggestion.site())
			.put("cookie", suggestion.cookie()).put("entry", suggestion.entry()));
		if (this.registry != null) {
			root.put("registry", this.registry);
		}
		root.put("started", this.started.toString());
		root.put("finished", this.finished.toString());
		return root;
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

	/**
	 * The fingerprint a {@code report.json}'s content gives (the SHA-256 of its compact JSON without its
	 * {@code sha256} member), to compare with the one it carries and the one recorded; null when the bytes are not a
	 * report's JSON.
	 */
	public static @Nullable String fingerprint(byte[] json) {
		try {
			if (!(JSON.readTree(json) instanceof ObjectNode report)) {
				return null;
			}
			report.remove("sha256");
			return sha256(JSON.writeValueAsString(report));
		}
		catch (tools.jackson.core.JacksonException ex) {
			return null;
		}
	}

	static String sha256(String text) {
		return sha256(text.getBytes(StandardCharsets.UTF_8));
	}

	/** The SHA-256 of these bytes, in lower-case hexadecimal ({@code sha256sum}'s). */
	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

}
