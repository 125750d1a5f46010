package org.chartecookies.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.chartecookies.records.RecordQueries.RecordedDecision;

/**
 * Consent records as CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote or a
 * line break, quotes doubled), one line per record, written as it comes. A text starting with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return, which a spreadsheet would take for a formula, gets a {@code '} in
 * front (OWASP's advice against CSV injection): about one consent id in 64 starts with {@code -}. Columns are only ever
 * added at the end ({@code site}, then {@code snapshot_hash}), so that a reader of the older columns by position reads
 * them unchanged.
 */
final class CsvRecords {

	static final String HEADER = "consent_id,decided_at,registry_revision,decision,choices,gpc,language,page_path,"
			+ "writer_id,record_sequence,previous_hash,record_hash,site,snapshot_hash";

	private final Writer out;

	CsvRecords(Writer out) {
		this.out = out;
	}

	void header() {
		write(HEADER);
	}

	void row(RecordedDecision record) {
		write(String.join(",", field(record.consentId()), record.decidedAt().toString(),
				Integer.toString(record.revision()), field(record.kind()), field(record.choicesText()),
				Boolean.toString(record.globalPrivacyControl()), field(record.language()), field(record.pagePath()),
				field(record.writerId()), Long.toString(record.sequence()), record.previousHash(), record.hash(),
				field(record.site()), record.snapshotHash()));
	}

	/** A text as a CSV field: never read as a formula, quoted when it must be. */
	static String field(String value) {
		String text = startsLikeAFormula(value) ? "'" + value : value;
		boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
				|| text.indexOf('\r') >= 0;
		return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
	}

	private static boolean startsLikeAFormula(String value) {
		return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
	}

	private void write(String line) {
		try {
			this.out.write(line);
			this.out.write("\r\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
