package org.chartecookies.admin;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.chartecookies.records.RecordQueries;
import org.chartecookies.records.RecordQueries.CategoryFigures;
import org.chartecookies.records.RecordQueries.DayFigures;
import org.chartecookies.registry.Sites;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard (decisions per day, each optional category's acceptance rate, as charts and as a table) and the CSV
 * export of the same kind of period, written out as the database hands the records over.
 */
@Controller
class DashboardController {

	private final RecordQueries records;

	private final Sites sites;

	private final RegistryTitles titles;

	private final Clock clock;

	DashboardController(RecordQueries records, Sites sites, RegistryTitles titles, Clock clock) {
		this.records = records;
		this.sites = sites;
		this.titles = titles;
		this.clock = clock;
	}

	@GetMapping("/admin")
	String dashboard(@RequestParam(name = "from", required = false) @Nullable String from,
			@RequestParam(name = "to", required = false) @Nullable String to,
			@RequestParam(name = "site", required = false) @Nullable String site, Locale locale, Model model) {
		ReportPeriod period = ReportPeriod.of(from, to, ReportPeriod.today(this.clock)).drawable();
		SiteFilter filter = SiteFilter.of(site, this.sites);
		List<DayFigures> days = this.records.days(period.first(), period.last(), filter.site());
		List<String> categories = days.isEmpty() ? List.of() : List.copyOf(days.get(0).categories().keySet());
		List<String> kinds = days.isEmpty() ? List.of() : List.copyOf(days.get(0).kinds().keySet());
		model.addAttribute("period", period);
		model.addAttribute("sites", filter);
		model.addAttribute("days", days);
		model.addAttribute("categories", categories);
		model.addAttribute("categoryTitles", categories.stream().map((id) -> this.titles.category(id, filter.site(), locale)).toList());
		model.addAttribute("kinds", kinds);
		model.addAttribute("total", days.stream().mapToLong(DayFigures::decisions).sum());
		model.addAttribute("chart", DashboardChart.of(days, (id) -> this.titles.category(id, filter.site(), locale)));
		// The table lists the days that had decisions (the chart shows every day): a month of zeros says nothing.
		List<TableRow> rows = days.stream()
			.filter((day) -> day.decisions() > 0)
			.map((day) -> TableRow.of(day, kinds, categories))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("quietDays", days.size() - rows.size());
		// What keeps a registry file from being served as it stands (the same words as the log and the health).
		model.addAttribute("registryProblems", this.sites.problems());
		return "admin/dashboard";
	}

	/**
	 * The records of a period as CSV ({@code text/csv}, UTF-8, a header line), every site's or one site's, downloaded
	 * as {@code consent-records-FIRST-to-LAST.csv} (or {@code consent-records-SITE-FIRST-to-LAST.csv}). Rows go out as
	 * they are read: the export holds no list of them.
	 */
	@GetMapping("/admin/export")
	void export(@RequestParam(name = "from", required = false) @Nullable String from,
			@RequestParam(name = "to", required = false) @Nullable String to,
			@RequestParam(name = "site", required = false) @Nullable String site, HttpServletResponse response)
			throws IOException {
		ReportPeriod period = ReportPeriod.of(from, to, ReportPeriod.today(this.clock));
		SiteFilter filter = SiteFilter.of(site, this.sites);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename("consent-records-" + ((filter.site() != null) ? filter.site() + "-" : "") + period.first()
					+ "-to-" + period.last() + ".csv")
			.build()
			.toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
			CsvRecords csv = new CsvRecords(out);
			csv.header();
			this.records.export(period.first(), period.last(), filter.site(), csv::row);
		}
	}

	/**
	 * A line of the figures' table: the day, its decisions, how many of each kind, and each category's rate with the
	 * figures it comes from ({@code 66.7 % (2/3)}; a dash when no decision answered for it).
	 */
	record TableRow(String day, long decisions, List<Long> kinds, List<String> rates) {

		static TableRow of(DayFigures day, List<String> kinds, List<String> categories) {
			return new TableRow(day.day().toString(), day.decisions(),
					kinds.stream().map((kind) -> day.kinds().getOrDefault(kind, 0L)).toList(),
					categories.stream().map((id) -> {
						CategoryFigures figures = day.categories().get(id);
						Double rate = (figures != null) ? figures.rate() : null;
						return (rate == null) ? "–"
								: DashboardChart.percent(rate) + " (" + figures.accepted() + "/" + figures.decided() + ")";
					}).toList());
		}

	}

}
