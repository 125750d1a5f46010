package org.chartecookies.admin;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import org.chartecookies.records.ChainVerification;
import org.chartecookies.records.RecordQueries;
import org.chartecookies.records.RecordQueries.RecordedDecision;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A record looked up by the consent id a visitor quotes, with the check of its chain, and the verification of every
 * chain (what {@code --charte.records.verify} prints).
 */
@Controller
class RecordController {

	/** A consent id: 22 characters of base64url, as the consent cookie holds it. */
	private static final Pattern CONSENT_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

	private final RecordQueries records;

	private final ChainVerification verification;

	RecordController(RecordQueries records, ChainVerification verification) {
		this.records = records;
		this.verification = verification;
	}

	/**
	 * The lookup form, and the record of {@code id} when given: {@code 400} when it cannot be a consent id,
	 * {@code 404} when no record has it.
	 */
	@GetMapping("/admin/records")
	String lookup(@RequestParam(name = "id", required = false) @Nullable String id, HttpServletResponse response,
			Model model) {
		String asked = (id != null) ? id.strip() : "";
		model.addAttribute("id", asked);
		if (asked.isEmpty()) {
			return "admin/lookup";
		}
		if (!CONSENT_ID.matcher(asked).matches()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("invalid", true);
			return "admin/lookup";
		}
		Optional<RecordedDecision> found = this.records.find(asked);
		if (found.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("unknown", true);
			return "admin/lookup";
		}
		model.addAttribute("record", found.get());
		model.addAttribute("chain", this.verification.verify(found.get().writerId()));
		return "admin/lookup";
	}

	@GetMapping("/admin/verification")
	String verification(Model model) {
		model.addAttribute("report", this.verification.verify());
		return "admin/verification";
	}

}
