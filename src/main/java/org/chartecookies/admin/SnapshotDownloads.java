package org.chartecookies.admin;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.servlet.http.HttpServletResponse;
import org.chartecookies.records.RecordQueries;
import org.chartecookies.records.ShownSnapshot;
import org.chartecookies.registry.Sites;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Snapshots as files named by their hash, {@code <hash>.html}, holding exactly the bytes stored: {@code sha256sum}
 * of the file prints its name, unless it was altered in the database (then the file is still what is stored, and
 * the check shows the difference). One by its hash, or every snapshot the records of an export's period answered, in
 * a zip.
 */
@Controller
class SnapshotDownloads {

	/** A snapshot's name: SHA-256 in lower-case hex, as {@code sha256sum} prints it. */
	static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

	private final RecordQueries records;

	private final Sites sites;

	private final Clock clock;

	SnapshotDownloads(RecordQueries records, Sites sites, Clock clock) {
		this.records = records;
		this.sites = sites;
		this.clock = clock;
	}

	/** {@code 400} when the name is not a SHA-256, {@code 404} when no snapshot has it. */
	@GetMapping("/admin/snapshots/{hash}.html")
	void snapshot(@PathVariable String hash, HttpServletResponse response) throws IOException {
		if (!HASH.matcher(hash).matches()) {
			throw new AdminRequestException("admin.snapshot.invalid");
		}
		Optional<ShownSnapshot> snapshot = this.records.snapshot(hash);
		if (snapshot.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		download(response, "text/html;charset=UTF-8", hash + ".html");
		response.setContentLength(snapshot.get().content().length);
		response.getOutputStream().write(snapshot.get().content());
	}

	/**
	 * The snapshots the records of a period answered (the CSV export's period and site), in a zip of
	 * {@code <hash>.html} files: unzipped, each is the bytes stored.
	 */
	@GetMapping("/admin/snapshots")
	void snapshots(@RequestParam(name = "from", required = false) @Nullable String from,
			@RequestParam(name = "to", required = false) @Nullable String to,
			@RequestParam(name = "site", required = false) @Nullable String site, HttpServletResponse response)
			throws IOException {
		ReportPeriod period = ReportPeriod.of(from, to, ReportPeriod.today(this.clock));
		SiteFilter filter = SiteFilter.of(site, this.sites);
		List<String> hashes = this.records.snapshotHashes(period.first(), period.last(), filter.site());
		download(response, "application/zip", "consent-snapshots-" + ((filter.site() != null) ? filter.site() + "-" : "")
				+ period.first() + "-to-" + period.last() + ".zip");
		try (ZipOutputStream zip = new ZipOutputStream(response.getOutputStream())) {
			for (String hash : hashes) {
				// A snapshot a record names but the database lost is missing from the zip: the records' CSV still names it.
				Optional<ShownSnapshot> snapshot = this.records.snapshot(hash);
				if (snapshot.isPresent()) {
					zip.putNextEntry(new ZipEntry(hash + ".html"));
					zip.write(snapshot.get().content());
					zip.closeEntry();
				}
			}
		}
	}

	private static void download(HttpServletResponse response, String type, String name) {
		response.setContentType(type);
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
	}

}
