package org.chartecookies.admin;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.chartecookies.consent.ConsentDecided;
import org.chartecookies.records.RecordQueries;
import org.chartecookies.records.RecordQueries.DecisionFilter;
import org.chartecookies.records.RecordQueries.DecisionPage;
import org.chartecookies.registry.Sites;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The decisions of a period, newest first, a page at a time, filtered by site, kind and one category's choice: what an
 * auditor browses before opening one decision's record. Server-rendered, links and a plain form only.
 */
@Controller
class DecisionListController {

	static final int PAGE_SIZE = 50;

	private final RecordQueries records;

	private final Sites sites;

	private final RegistryTitles titles;

	private final Clock clock;

	DecisionListController(RecordQueries records, Sites sites, RegistryTitles titles, Clock clock) {
		this.records = records;
		this.sites = sites;
		this.titles = titles;
		this.clock = clock;
	}

	@GetMapping("/admin/decisions")
	String decisions(@RequestParam(name = "from", required = false) @Nullable String from,
			@RequestParam(name = "to", required = false) @Nullable String to,
			@RequestParam(name = "site", required = false) @Nullable String site,
			@RequestParam(name = "decision", required = false) @Nullable String decision,
			@RequestParam(name = "choice", required = false) @Nullable String choice,
			@RequestParam(name = "older", required = false) @Nullable String older,
			@RequestParam(name = "newer", required = false) @Nullable String newer, Locale locale, Model model) {
		ReportPeriod period = ReportPeriod.of(from, to, ReportPeriod.today(this.clock));
		SiteFilter filter = SiteFilter.of(site, this.sites);
		String kind = blankToNull(decision);
		if (kind != null && !ConsentDecided.KINDS.contains(kind)) {
			throw new AdminRequestException("admin.decisions.invalid-kind");
		}
		String chosen = blankToNull(choice);
		if (chosen != null && !DecisionFilter.isChoice(chosen)) {
			throw new AdminRequestException("admin.decisions.invalid-choice");
		}
		DecisionPage page = this.records
			.decisions(new DecisionFilter(period.first(), period.last(), filter.site(), kind, chosen), consentId(older),
					consentId(newer), PAGE_SIZE)
			.orElseThrow(() -> new AdminRequestException("admin.decisions.invalid-position"));
		Map<String, String> categories = this.titles.optionalCategories(filter.site(), locale);
		model.addAttribute("period", period);
		model.addAttribute("sites", filter);
		model.addAttribute("kinds", ConsentDecided.KINDS);
		model.addAttribute("kind", (kind != null) ? kind : "");
		model.addAttribute("categories", categories);
		model.addAttribute("choice", (chosen != null) ? chosen : "");
		model.addAttribute("page", page);
		model.addAttribute("rows", page.decisions().stream().map((record) -> DecisionRow.of(record, this.titles, locale)).toList());
		return "admin/decisions";
	}

	/** A page's start, the consent id of the decision it follows or precedes. */
	private static @Nullable String consentId(@Nullable String text) {
		String given = blankToNull(text);
		if (given != null && !RecordController.CONSENT_ID.matcher(given).matches()) {
			throw new AdminRequestException("admin.decisions.invalid-position");
		}
		return given;
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/**
	 * A line of the list: the decision with its site's name and each choice's category title.
	 *
	 * @param time when it was decided, UTC, to the second
	 * @param choices each optional category's title and whether it was accepted
	 */
	record DecisionRow(RecordQueries.RecordedDecision record, String time, String siteName, List<Choice> choices) {

		private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
			.withZone(ZoneOffset.UTC);

		static DecisionRow of(RecordQueries.RecordedDecision record, RegistryTitles titles, Locale locale) {
			return new DecisionRow(record, TIME.format(record.decidedAt()), titles.site(record.site()), record.choices()
				.entrySet()
				.stream()
				.map((entry) -> new Choice(entry.getKey(), titles.category(entry.getKey(), record.site(), locale),
						entry.getValue()))
				.toList());
		}

	}

	record Choice(String id, String title, boolean accepted) {
	}

}
