package org.chartecookies.admin;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import org.chartecookies.records.ChainVerification;
import org.chartecookies.records.RecordQueries;
import org.chartecookies.records.RecordLinks;
import org.chartecookies.records.RecordQueries.RecordedDecision;
import org.chartecookies.registry.Sites;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A record looked up by the consent id a visitor quotes (on one site, or any), with its own hash check and its links
 * to the records before and after it in its chain (a few rows read, however long the chain), and the verification of
 * every chain (what {@code --charte.records.verify} prints).
 */
@Controller
class RecordController {

	/** A consent id: 22 characters of base64url, as the consent cookie holds it. */
	static final Pattern CONSENT_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

	private final RecordQueries records;

	private final ChainVerification verification;

	private final Sites sites;

	RecordController(RecordQueries records, ChainVerification verification, Sites sites) {
		this.records = records;
		this.verification = verification;
		this.sites = sites;
	}

	/**
	 * The lookup form, and the record of {@code id} when given: {@code 400} when it cannot be a consent id,
	 * {@code 404} when no record has it (on the site chosen, when one is). A consent id copied from the CSV export
	 * with the {@code '} that keeps spreadsheets from reading it as a formula is the same id.
	 */
	@GetMapping("/admin/records")
	String lookup(@RequestParam(name = "id", required = false) @Nullable String id,
			@RequestParam(name = "site", required = false) @Nullable String site, HttpServletResponse response,
			Model model) {
		SiteFilter filter = SiteFilter.of(site, this.sites);
		String asked = (id != null) ? id.strip() : "";
		if (asked.startsWith("'")) {
			asked = asked.substring(1);
		}
		model.addAttribute("id", asked);
		model.addAttribute("sites", filter);
		if (asked.isEmpty()) {
			return "admin/lookup";
		}
		if (!CONSENT_ID.matcher(asked).matches()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("invalid", true);
			return "admin/lookup";
		}
		Optional<RecordedDecision> found = this.records.find(asked)
			.filter((record) -> filter.site() == null || filter.site().equals(record.site()));
		Optional<RecordLinks> links = found.flatMap((record) -> this.records.links(record.consentId()));
		if (found.isEmpty() || links.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("unknown", true);
			return "admin/lookup";
		}
		model.addAttribute("record", found.get());
		model.addAttribute("links", links.get());
		return "admin/lookup";
	}

	@GetMapping("/admin/verification")
	String verification(Model model) {
		model.addAttribute("report", this.verification.verify());
		return "admin/verification";
	}

}
