package org.chartecookies.records;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.chartecookies.consent.ConsentDecided;
import org.jspecify.annotations.Nullable;

/**
 * What the operator reads of the records (the back office): figures per day, one record by its consent id, and every
 * record of a period, streamed. Days are UTC days, as the records' times are. Reads only: nothing here writes.
 */
public final class RecordQueries {

	private final RecordStore store;

	RecordQueries(RecordStore store) {
		this.store = store;
	}

	/**
	 * A record as the operator sees it.
	 *
	 * @param kind how the decision was made: {@code accept-all}, {@code reject-all}, {@code custom} or
	 * {@code acknowledge}
	 * @param choices each optional category's id and whether it was accepted, in id order
	 * @param site the id of the site it was made on (empty for the records written before there were several sites)
	 * @param intact whether its hash is still the hash of its fields
	 * @param snapshotHash the SHA-256 of the snapshot of what the visitor was shown ({@link #snapshot}); empty for the
	 * records written before there were snapshots
	 * @param snapshotNamed whether the form the decision came with named its snapshot; false when it came without one (a
	 * script's own post, an unknown or malformed value: {@code snapshotHash} is then the snapshot current for its site
	 * and language) and for the records written before there were snapshots
	 */
	public record RecordedDecision(String consentId, String site, Instant decidedAt, int revision, String kind,
			Map<String, Boolean> choices, boolean globalPrivacyControl, String language, String pagePath,
			String writerId, long sequence, String previousHash, String hash, boolean intact, String snapshotHash,
			boolean snapshotNamed) {

		/** A decision whose form's naming of its snapshot is not told (false). */
		public RecordedDecision(String consentId, String site, Instant decidedAt, int revision, String kind,
				Map<String, Boolean> choices, boolean globalPrivacyControl, String language, String pagePath,
				String writerId, long sequence, String previousHash, String hash, boolean intact, String snapshotHash) {
			this(consentId, site, decidedAt, revision, kind, choices, globalPrivacyControl, language, pagePath, writerId,
					sequence, previousHash, hash, intact, snapshotHash, false);
		}

		static RecordedDecision of(ConsentRecord record) {
			PendingRecord content = record.content();
			return new RecordedDecision(content.consentId(), content.site(), content.decidedAt(), content.revision(), content.kind(),
					content.choices(), content.globalPrivacyControl(), content.language(), content.pagePath(),
					record.writerId(), record.sequence(), record.previousHash(), record.hash(), record.intact(),
					content.snapshotHash(), content.snapshotNamed());
		}

		/** The choices as stored: {@code statistics=accepted,video=refused}. */
		public String choicesText() {
			return this.choices.entrySet()
				.stream()
				.map((choice) -> choice.getKey() + "=" + (choice.getValue() ? "accepted" : "refused"))
				.reduce((first, second) -> first + "," + second)
				.orElse("");
		}

	}

	/**
	 * One optional category on one day.
	 *
	 * @param decided how many decisions answered for it
	 * @param accepted how many of them accepted it
	 */
	public record CategoryFigures(long decided, long accepted) {

		/** The share of decisions that accepted it, from 0 to 1, or null when none answered for it. */
		public @Nullable Double rate() {
			return (this.decided == 0) ? null : (double) this.accepted / this.decided;
		}

	}

	/**
	 * One day's decisions.
	 *
	 * @param kinds how many of each kind, for every kind met in the period (0 when none that day)
	 * @param categories each optional category met in the period, in id order
	 */
	public record DayFigures(LocalDate day, long decisions, Map<String, Long> kinds,
			Map<String, CategoryFigures> categories) {
	}

	/**
	 * Which decisions a list shows: those of a period of UTC days (both included), of one site or every site (null),
	 * of one kind or every kind (null), and with one category's choice or any (null).
	 *
	 * @param choice one category's choice as records store it: {@code statistics=accepted} or
	 * {@code statistics=refused}
	 */
	public record DecisionFilter(LocalDate first, LocalDate last, @Nullable String site, @Nullable String kind,
			@Nullable String choice) {

		/** The kinds a decision can have, as the consent endpoint makes them, in the order a list offers them. */
		public static final List<String> KINDS = ConsentDecided.KINDS;

		private static final Pattern CHOICE = Pattern.compile("[a-z][a-z0-9-]{0,31}=(accepted|refused)");

		public DecisionFilter {
			if (choice != null && !isChoice(choice)) {
				throw new IllegalArgumentException("Not a category's choice: " + choice);
			}
		}

		/** Whether the text is one category's choice as records store it ({@code statistics=accepted}). */
		public static boolean isChoice(String text) {
			return CHOICE.matcher(text).matches();
		}

		Instant start() {
			return startOf(this.first);
		}

		Instant end() {
			return startOf(this.last.plusDays(1));
		}

	}

	/**
	 * A page of decisions, newest first.
	 *
	 * @param total how many decisions the filter matches, on every page
	 * @param newer the consent id the page of newer decisions comes before (this page's first), or null when this
	 * page has the newest
	 * @param older the consent id the page of older decisions comes after (this page's last), or null when this page
	 * has the oldest
	 */
	public record DecisionPage(List<RecordedDecision> decisions, long total, @Nullable String newer,
			@Nullable String older) {
	}

	/**
	 * A page of at most {@code size} decisions the filter matches, newest first: the newest, or those just older than
	 * the decision of the consent id {@code olderThan}, or just newer than {@code newerThan}; nothing when that
	 * decision is not recorded.
	 */
	public Optional<DecisionPage> decisions(DecisionFilter filter, @Nullable String olderThan,
			@Nullable String newerThan, int size) {
		return Optional.ofNullable(new DecisionPages(this.store.jdbc()).page(filter, olderThan, newerThan, size));
	}

	/** Every day from {@code first} to {@code last} (both included), a day without decisions too, every site's. */
	public List<DayFigures> days(LocalDate first, LocalDate last) {
		return days(first, last, null);
	}

	/**
	 * Every day from {@code first} to {@code last} (both included), a day without decisions too: one site's decisions,
	 * or every site's when {@code site} is null.
	 */
	public List<DayFigures> days(LocalDate first, LocalDate last, @Nullable String site) {
		List<RecordStore.DayCount> counts = this.store.dayCounts(startOf(first), startOf(last.plusDays(1)), site);
		TreeSet<String> kinds = new TreeSet<>();
		TreeSet<String> categories = new TreeSet<>();
		for (RecordStore.DayCount count : counts) {
			kinds.add(count.kind());
			categories.addAll(count.choices().keySet());
		}
		List<DayFigures> days = new ArrayList<>();
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			long decisions = 0;
			Map<String, Long> perKind = new LinkedHashMap<>();
			kinds.forEach((kind) -> perKind.put(kind, 0L));
			Map<String, long[]> perCategory = new TreeMap<>();
			categories.forEach((category) -> perCategory.put(category, new long[2]));
			for (RecordStore.DayCount count : counts) {
				if (!count.day().equals(day)) {
					continue;
				}
				decisions += count.count();
				perKind.merge(count.kind(), count.count(), Long::sum);
				count.choices().forEach((category, accepted) -> {
					long[] figures = perCategory.get(category);
					figures[0] += count.count();
					figures[1] += accepted ? count.count() : 0;
				});
			}
			Map<String, CategoryFigures> figures = new LinkedHashMap<>();
			perCategory.forEach((category, values) -> figures.put(category, new CategoryFigures(values[0], values[1])));
			days.add(new DayFigures(day, decisions, Collections.unmodifiableMap(perKind),
					Collections.unmodifiableMap(figures)));
		}
		return days;
	}

	public Optional<RecordedDecision> find(String consentId) {
		return this.store.find(consentId).map(RecordedDecision::of);
	}

	/** The snapshot of this hash, as stored (its {@link ShownSnapshot#intact()} says whether it was altered since). */
	public Optional<ShownSnapshot> snapshot(String hash) {
		return this.store.jdbc()
			.sql("SELECT " + ShownSnapshot.COLUMNS + " FROM consent_snapshot WHERE snapshot_hash = ?")
			.param(hash)
			.query(ShownSnapshot::of)
			.optional();
	}

	/**
	 * The hashes of the snapshots that the records decided from {@code first} to {@code last} (both included) answered,
	 * on one site or on every site when {@code site} is null, each once, in order; the records written before
	 * snapshots name none.
	 */
	public List<String> snapshotHashes(LocalDate first, LocalDate last, @Nullable String site) {
		return this.store.jdbc()
			.sql("SELECT DISTINCT snapshot_hash FROM consent_record WHERE decided_at >= ? AND decided_at < ?"
					+ " AND snapshot_hash <> ''" + ((site != null) ? " AND site = ?" : "") + " ORDER BY snapshot_hash")
			.params((site != null)
					? List.of(RecordStore.utc(startOf(first)), RecordStore.utc(startOf(last.plusDays(1))), site)
					: List.of(RecordStore.utc(startOf(first)), RecordStore.utc(startOf(last.plusDays(1)))))
			.query(String.class)
			.list();
	}

	/**
	 * How the record of this consent id ties to the records before and after it in its chain, or nothing when no
	 * record has this id. A few rows read, however long the chain.
	 */
	public Optional<RecordLinks> links(String consentId) {
		return this.store.find(consentId).map((record) -> RecordLinks.of(record,
				(record.sequence() > 1) ? this.store.record(record.writerId(), record.sequence() - 1) : Optional.empty(),
				this.store.record(record.writerId(), record.sequence() + 1), this.store.writer(record.writerId())));
	}

	/** Every record decided from {@code first} to {@code last} (both included), oldest first, one at a time. */
	public void export(LocalDate first, LocalDate last, Consumer<RecordedDecision> visitor) {
		export(first, last, null, visitor);
	}

	/**
	 * Every record decided from {@code first} to {@code last} (both included) on one site, or on every site when
	 * {@code site} is null, oldest first, one at a time.
	 */
	public void export(LocalDate first, LocalDate last, @Nullable String site, Consumer<RecordedDecision> visitor) {
		this.store.between(startOf(first), startOf(last.plusDays(1)), site,
				(record) -> visitor.accept(RecordedDecision.of(record)));
	}

	private static Instant startOf(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

}
