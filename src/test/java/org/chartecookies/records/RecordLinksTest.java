package org.chartecookies.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.chartecookies.records.RecordLinks.Link;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a record looked up ties to its neighbours: linked both ways in an intact chain, first or after the purge's cut at
 * its start, last at its head; a neighbour altered, removed or swapped, a record added past the head or by an unknown
 * writer, each named for what it is.
 */
class RecordLinksTest {

	private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

	/** Five records of writer w-1, chained from the beginning. */
	private final List<ConsentRecord> chain = chain(5);

	private static List<ConsentRecord> chain(int length) {
		List<ConsentRecord> records = new ArrayList<>();
		String previous = ConsentRecord.GENESIS;
		for (int i = 1; i <= length; i++) {
			ConsentRecord record = ConsentRecord.chain("w-1", i, Records.decision("accept-all", NOW.plusSeconds(i)),
					previous);
			records.add(record);
			previous = record.hash();
		}
		return records;
	}

	private RecordStore.Writer writer(long headSequence, long cutSequence) {
		String cutHash = (cutSequence == 0) ? ConsentRecord.GENESIS : record(cutSequence).hash();
		return new RecordStore.Writer("w-1", NOW, headSequence, record(headSequence).hash(), cutSequence, cutHash, null);
	}

	private ConsentRecord record(long sequence) {
		return this.chain.get((int) sequence - 1);
	}

	private RecordLinks links(long sequence, Optional<ConsentRecord> previous, Optional<ConsentRecord> next,
			Optional<RecordStore.Writer> writer) {
		return RecordLinks.of(record(sequence), previous, next, writer);
	}

	@Test
	void aRecordInTheMiddleOfAnIntactChainIsLinkedBothWays() {
		RecordLinks links = links(3, Optional.of(record(2)), Optional.of(record(4)), Optional.of(writer(5, 0)));

		assertThat(links).isEqualTo(new RecordLinks(Link.LINKED, record(2).content().consentId(), Link.LINKED,
				record(4).content().consentId()));
	}

	@Test
	void theFirstRecordAndTheLastOneAreNamedAsSuch() {
		assertThat(links(1, Optional.empty(), Optional.of(record(2)), Optional.of(writer(5, 0))).previous())
			.isEqualTo(Link.FIRST);
		assertThat(links(5, Optional.of(record(4)), Optional.empty(), Optional.of(writer(5, 0))).next())
			.isEqualTo(Link.LAST);
	}

	@Test
	void theFirstRecordKeptAfterThePurgeTiesToTheCut() {
		assertThat(links(3, Optional.empty(), Optional.of(record(4)), Optional.of(writer(5, 2))).previous())
			.isEqualTo(Link.AFTER_PURGE);
		// A cut whose hash is not the record's previous hash: the record was replaced.
		RecordStore.Writer wrongCut = new RecordStore.Writer("w-1", NOW, 5, record(5).hash(), 2, record(1).hash(), null);
		assertThat(links(3, Optional.empty(), Optional.of(record(4)), Optional.of(wrongCut)).previous())
			.isEqualTo(Link.NOT_LINKED);
	}

	@Test
	void aRemovedNeighbourIsMissing() {
		RecordLinks links = links(3, Optional.empty(), Optional.empty(), Optional.of(writer(5, 0)));

		assertThat(links.previous()).isEqualTo(Link.MISSING);
		assertThat(links.next()).isEqualTo(Link.MISSING);
		assertThat(links.previousConsentId()).isNull();
		assertThat(links.nextConsentId()).isNull();
	}

	@Test
	void aNeighbourThatDoesNotTieIsNotLinked() {
		List<ConsentRecord> other = chain(5);
		RecordLinks links = links(3, Optional.of(other.get(1)), Optional.of(other.get(3)), Optional.of(writer(5, 0)));

		assertThat(links.previous()).isEqualTo(Link.NOT_LINKED);
		assertThat(links.next()).isEqualTo(Link.NOT_LINKED);
		assertThat(links.previousConsentId()).isEqualTo(other.get(1).content().consentId());
	}

	@Test
	void aRecordAtTheHeadWhoseHashIsNotTheHeadsIsNotLinked() {
		RecordStore.Writer otherHead = new RecordStore.Writer("w-1", NOW, 5, record(4).hash(), 0, ConsentRecord.GENESIS,
				null);
		assertThat(links(5, Optional.of(record(4)), Optional.empty(), Optional.of(otherHead)).next())
			.isEqualTo(Link.NOT_LINKED);
	}

	@Test
	void aRecordPastTheHeadWasAddedBehindTheApplicationsBack() {
		assertThat(links(5, Optional.of(record(4)), Optional.empty(), Optional.of(writer(4, 0))).next())
			.isEqualTo(Link.AFTER_HEAD);
	}

	@Test
	void aRecordOfAnUnknownWriterSaysSoBothWays() {
		RecordLinks links = links(3, Optional.of(record(2)), Optional.of(record(4)), Optional.empty());

		assertThat(links.previous()).isEqualTo(Link.UNKNOWN_WRITER);
		assertThat(links.next()).isEqualTo(Link.UNKNOWN_WRITER);
	}

}
