package org.chartecookies.admin;

import java.security.Principal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import org.chartecookies.admin.AuditReports.ReportFile;
import org.chartecookies.audit.AuditException;
import org.chartecookies.registry.HostedSite;
import org.chartecookies.registry.Sites;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The audit in the back office: a site's configured pages and its past audits (newest first), a scan started by a
 * form (one at a time on an instance), followed on a page that reloads itself (no script: the {@code Refresh}
 * header), and each past report with the check of its files against the SHA-256 recorded with them, then the files
 * themselves, as written.
 */
@Controller
class AuditController {

	/** A report's id: the scan's UUID. */
	static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	/** How often a scan's page reloads itself while the scan runs, in seconds. */
	static final int REFRESH_SECONDS = 3;

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final AuditScans scans;

	private final AuditReports reports;

	private final Sites sites;

	AuditController(AuditScans scans, AuditReports reports, Sites sites) {
		this.scans = scans;
		this.reports = reports;
		this.sites = sites;
	}

	/** A site's configured pages, the form that starts their scan, and its past audits, newest first. */
	@GetMapping("/admin/audits")
	String audits(@RequestParam(name = "site", required = false) @Nullable String site, Model model) {
		return list(site(site), model);
	}

	/** Starts a scan of the site's pages, then its page; {@code 409} while another runs, {@code 400} when none can. */
	@PostMapping("/admin/audits")
	Object start(@RequestParam(name = "site", required = false) @Nullable String site, Principal operator,
			HttpServletResponse response, Model model) {
		HostedSite chosen = site(site);
		try {
			AuditScans.Scan scan = this.scans.start(chosen, operator.getName());
			RedirectView follow = new RedirectView("/admin/audits/" + scan.progress().id(), true);
			follow.setStatusCode(HttpStatus.SEE_OTHER);
			return follow;
		}
		catch (AuditScans.Busy ex) {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			model.addAttribute("busy", true);
		}
		catch (AuditException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("cannotStart", ex.getMessage());
		}
		return list(chosen, model);
	}

	/** A scan while it runs (reloading itself), then its report: when and by whom, the outcome, the files' check. */
	@GetMapping("/admin/audits/{id}")
	String audit(@PathVariable String id, @RequestParam(name = "follow", required = false) @Nullable String follow,
			HttpServletResponse response, Model model) {
		String asked = id(id);
		Optional<AuditScans.Progress> scan = this.scans.scan(asked).map(AuditScans.Scan::progress);
		if (scan.isPresent() && scan.get().running()) {
			boolean refresh = !"off".equals(follow);
			if (refresh) {
				// The header, not <meta http-equiv="refresh">: the same reload, and the page says how to stop it.
				response.setHeader("Refresh", String.valueOf(REFRESH_SECONDS));
			}
			model.addAttribute("scan", scan.get());
			model.addAttribute("refreshing", refresh);
			model.addAttribute("startedAt", when(scan.get().startedAt()));
			return "admin/audit";
		}
		Optional<AuditReports.Summary> stored = this.reports.find(asked);
		if (stored.isEmpty()) {
			if (scan.isPresent()) {
				// Over, but not in the database: said as such (the log has its fingerprint).
				model.addAttribute("scan", scan.get());
				model.addAttribute("startedAt", when(scan.get().startedAt()));
				return "admin/audit";
			}
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("unknown", true);
			return "admin/audit";
		}
		model.addAttribute("report", row(stored.get()));
		model.addAttribute("check", this.reports.check(asked).orElseThrow());
		return "admin/audit";
	}

	/** A file of a report as it was written ({@code report.html} links {@code report.css} beside it). */
	@GetMapping("/admin/audits/{id}/{file:report\\.(?:html|json|css)}")
	ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable String file) {
		ReportFile which = ReportFile.valueOf(file.substring("report.".length()).toUpperCase(java.util.Locale.ROOT));
		MediaType type = switch (which) {
			case HTML -> MediaType.parseMediaType("text/html;charset=UTF-8");
			case JSON -> MediaType.APPLICATION_JSON;
			case CSS -> MediaType.parseMediaType("text/css;charset=UTF-8");
		};
		return this.reports.file(id(id), which)
			.map((bytes) -> ResponseEntity.ok().contentType(type).header(HttpHeaders.CACHE_CONTROL, "no-store").body(bytes))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	private String list(HostedSite site, Model model) {
		model.addAttribute("site", site);
		model.addAttribute("choices", this.sites.all().stream().map(HostedSite::id).sorted().toList());
		model.addAttribute("pages", site.registry().audit().pages());
		model.addAttribute("running", this.scans.running().map(AuditScans.Scan::progress).orElse(null));
		model.addAttribute("reports", this.reports.list(site.id()).stream().map(AuditController::row).toList());
		model.addAttribute("listed", AuditReports.LISTED);
		return "admin/audits";
	}

	/** The site asked for, or the first of the sites served when none is; {@code 400} for a site not served. */
	private HostedSite site(@Nullable String site) {
		SiteFilter filter = SiteFilter.of(site, this.sites);
		String id = (filter.site() != null) ? filter.site() : filter.choices().get(0);
		return this.sites.all()
			.stream()
			.filter((served) -> served.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new AdminRequestException("admin.site.unknown"));
	}

	private static String id(String id) {
		if (!ID.matcher(id).matches()) {
			throw new AdminRequestException("admin.audit.invalid-id");
		}
		return id;
	}

	private static String when(Instant instant) {
		return WHEN.format(instant);
	}

	/** A past audit as listed: its times for people. */
	record Row(AuditReports.Summary audit, String startedAt, String finishedAt) {
	}

	private static Row row(AuditReports.Summary audit) {
		return new Row(audit, when(audit.startedAt()), when(audit.finishedAt()));
	}

}
