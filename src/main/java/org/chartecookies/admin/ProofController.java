package org.chartecookies.admin;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.chartecookies.records.RecordLinks;
import org.chartecookies.records.RecordQueries;
import org.chartecookies.records.RecordQueries.RecordedDecision;
import org.chartecookies.records.ShownSnapshot;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The proof of one consent, for an auditor to read and print: the decision, its chain check, and the banner (first
 * layer, choices open) and the charter as the visitor was shown them, rendered from the stored snapshot, with how to
 * check it all offline. The snapshot's parts are shown without a script and with nothing loaded from elsewhere: the
 * page's Content-Security-Policy allows no script, no form (a snapshot's buttons must not post a decision for the
 * auditor) and, as style, the site's own sheets and the snapshot's own {@code <style>}, by its hash.
 */
@Controller
class ProofController {

	static final String CSP = "Content-Security-Policy";

	private final RecordQueries records;

	ProofController(RecordQueries records) {
		this.records = records;
	}

	/** {@code 400} when the text cannot be a consent id, {@code 404} when no record has it. */
	@GetMapping("/admin/proof/{id}")
	String proof(@PathVariable String id, HttpServletResponse response, Model model) {
		String asked = id.startsWith("'") ? id.substring(1) : id;
		model.addAttribute("id", asked);
		if (!RecordController.CONSENT_ID.matcher(asked).matches()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("invalid", true);
			return "admin/proof";
		}
		Optional<RecordedDecision> found = this.records.find(asked);
		Optional<RecordLinks> links = found.flatMap((record) -> this.records.links(record.consentId()));
		if (found.isEmpty() || links.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("unknown", true);
			return "admin/proof";
		}
		RecordedDecision record = found.get();
		model.addAttribute("record", record);
		model.addAttribute("links", links.get());
		// A post that did not name its snapshot (a script's own) recorded the current one: the page says so.
		model.addAttribute("snapshotNamed", record.snapshotNamed() || record.snapshotHash().isEmpty());
		Optional<ShownSnapshot> snapshot = record.snapshotHash().isEmpty() ? Optional.empty()
				: this.records.snapshot(record.snapshotHash());
		Shown shown = Shown.of(record.snapshotHash(), snapshot);
		model.addAttribute("shown", shown);
		snapshot.ifPresent((stored) -> model.addAttribute("snapshot", stored));
		// What a snapshot was stored with is not in its hash: said when it is not what the record, which is, says.
		model.addAttribute("mislabelled",
				snapshot.filter((stored) -> !stored.shows(record.site(), record.language(), record.revision())
						|| stored.firstShownAt().isAfter(record.decidedAt().plusSeconds(60)))
					.isPresent());
		restrict(response, shown.document());
		model.addAttribute("formsOff", true);
		return "admin/proof";
	}

	/**
	 * This page's policy: the application's, with no script and no form at all, and the snapshot's style allowed by
	 * its hash.
	 */
	static void restrict(HttpServletResponse response, Optional<ShownDocument> document) {
		String policy = response.getHeader(CSP);
		if (policy == null) {
			return;
		}
		String style = document.map((shown) -> "style-src 'self' " + shown.styleSource()).orElse("style-src 'self'");
		response.setHeader(CSP, policy.replace("script-src 'self'", "script-src 'none'")
			.replace("form-action 'self'", "form-action 'none'")
			.replace("style-src 'self'", style));
	}

	/** What the page can say of the snapshot a record names. */
	enum SnapshotState {

		/** The record was written before snapshots were kept. */
		NONE,
		/** The record names a snapshot the database no longer has. */
		MISSING,
		/** The snapshot's content no longer matches its hash. */
		ALTERED,
		/** The snapshot is intact but its content cannot be read as a snapshot document. */
		UNREADABLE,
		/** The snapshot is intact and shown. */
		SHOWN

	}

	/**
	 * The snapshot's state and, when it is shown, its parts.
	 *
	 * @param actualHash the SHA-256 of the content as stored now (empty without a snapshot)
	 */
	record Shown(SnapshotState state, String actualHash, Optional<ShownDocument> document) {

		static Shown of(String hash, Optional<ShownSnapshot> snapshot) {
			if (hash.isEmpty()) {
				return new Shown(SnapshotState.NONE, "", Optional.empty());
			}
			if (snapshot.isEmpty()) {
				return new Shown(SnapshotState.MISSING, "", Optional.empty());
			}
			ShownSnapshot stored = snapshot.get();
			String actual = ShownSnapshot.sha256(stored.content());
			if (!actual.equals(hash)) {
				return new Shown(SnapshotState.ALTERED, actual, Optional.empty());
			}
			Optional<ShownDocument> document = ShownDocument.of(stored.text());
			return new Shown(document.isPresent() ? SnapshotState.SHOWN : SnapshotState.UNREADABLE, actual, document);
		}

		/** Whether the stored content is shown as text (the page does not render it). */
		public boolean asText() {
			return this.state == SnapshotState.ALTERED || this.state == SnapshotState.UNREADABLE;
		}

	}

}
