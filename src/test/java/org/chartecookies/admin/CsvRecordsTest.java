package org.chartecookies.admin;

import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;

import org.chartecookies.records.RecordQueries.RecordedDecision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV export's lines: RFC 4180 quoting, the site then the snapshot's hash in the last columns, and nothing a spreadsheet would run as a
 * formula (a consent id is base64url: about one in 64 of those made before ids began with the time starts with a dash).
 */
class CsvRecordsTest {

	private static final String HASH = "ab".repeat(32);

	private static final String SNAPSHOT = "5e".repeat(32);

	private static RecordedDecision record(String consentId, String pagePath, String site) {
		return record(consentId, pagePath, site, SNAPSHOT);
	}

	private static RecordedDecision record(String consentId, String pagePath, String site, String snapshotHash) {
		return new RecordedDecision(consentId, site, Instant.parse("2026-11-29T10:15:30Z"), 3, "custom",
				Map.of("statistics", true), false, "fr", pagePath, "w-x", 7, "0".repeat(64), HASH, true, snapshotHash);
	}

	private static String line(RecordedDecision record) {
		StringWriter out = new StringWriter();
		new CsvRecords(out).row(record);
		return out.toString();
	}

	@Test
	void aRecordIsOneLineWithItsSiteThenItsSnapshotLast() {
		assertThat(line(record("vJ1mJfBXiocAWqKZy0c4eQ", "/cookies", "shop"))).isEqualTo(
				"vJ1mJfBXiocAWqKZy0c4eQ,2026-11-29T10:15:30Z,3,custom,statistics=accepted,false,fr,/cookies,w-x,7,"
						+ "0".repeat(64) + "," + HASH + ",shop," + SNAPSHOT + "\r\n");
		// Columns are added at the end: the thirteen an older reader knows keep their places.
		assertThat(CsvRecords.HEADER).isEqualTo("consent_id,decided_at,registry_revision,decision,choices,gpc,language,"
				+ "page_path,writer_id,record_sequence,previous_hash,record_hash,site,snapshot_hash");
	}

	@Test
	void aRecordWrittenBeforeSnapshotsHasAnEmptySnapshotHash() {
		assertThat(line(record("vJ1mJfBXiocAWqKZy0c4eQ", "/cookies", "shop", ""))).endsWith("," + HASH + ",shop,\r\n");
	}

	@Test
	void aConsentIdStartingWithADashIsNotAFormula() {
		assertThat(line(record("-1mJfBXiocAWqKZy0c4eQ", "/cookies", ""))).startsWith("'-1mJfBXiocAWqKZy0c4eQ,")
			.endsWith("," + HASH + ",," + SNAPSHOT + "\r\n");
	}

	@Test
	void everyTextThatASpreadsheetWouldRunGetsAQuoteInFront() {
		assertThat(CsvRecords.field("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
		assertThat(CsvRecords.field("+1")).isEqualTo("'+1");
		assertThat(CsvRecords.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(CsvRecords.field("\tx")).isEqualTo("'\tx");
		assertThat(CsvRecords.field("\rx")).isEqualTo("\"'\rx\"");
		assertThat(CsvRecords.field("a-b=c")).as("only the first character counts").isEqualTo("a-b=c");
		assertThat(CsvRecords.field("")).isEmpty();
	}

	@Test
	void aFieldWithACommaAQuoteOrALineBreakIsQuoted() {
		assertThat(CsvRecords.field("/a,b")).isEqualTo("\"/a,b\"");
		assertThat(CsvRecords.field("/a\"b")).isEqualTo("\"/a\"\"b\"");
		assertThat(CsvRecords.field("/a\nb")).isEqualTo("\"/a\nb\"");
	}

}
