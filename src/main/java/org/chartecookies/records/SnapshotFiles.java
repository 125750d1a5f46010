package org.chartecookies.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.chartecookies.consent.SnapshotHashes;
import org.chartecookies.consent.SnapshotKeeper;
import org.jspecify.annotations.Nullable;

/**
 * The snapshots of what visitors are shown, in the records folder ({@code snapshots/<hash>.html}, and its site,
 * language, revision and time in {@code <hash>.meta}): each written and forced to disk before its hash is first served,
 * so that a decision naming it, acknowledged once in the journal, never names a snapshot a crash lost, even while the
 * database does not answer. The writer inserts from here each snapshot its records name that the database lacks.
 */
final class SnapshotFiles implements SnapshotKeeper {

	private static final Log logger = LogFactory.getLog(SnapshotFiles.class);

	/** The folder's name in the records folder. */
	static final String FOLDER = "snapshots";

	private static final String FORMAT = "s1";

	private final Path folder;

	private final boolean enabled;

	/** The hashes this process serves, kept on disk: known without looking, never removed. */
	private final Set<String> served = ConcurrentHashMap.newKeySet();

	/** The snapshots known to be in the database (see {@link SnapshotStore}). */
	private final Set<String> inDatabase = ConcurrentHashMap.newKeySet();

	/** Told when a snapshot cannot be kept, and when one is kept again (null: told nowhere). */
	private final @Nullable RecordKeeping keeping;

	/**
	 * @param recordsFolder the records folder
	 * @param enabled whether decisions are recorded: when not, no snapshot is kept either
	 */
	SnapshotFiles(Path recordsFolder, boolean enabled, @Nullable RecordKeeping keeping) {
		this.folder = recordsFolder.resolve(FOLDER);
		this.enabled = enabled;
		this.keeping = keeping;
	}

	SnapshotFiles(Path recordsFolder, boolean enabled) {
		this(recordsFolder, enabled, null);
	}

	@Override
	public void keep(Made snapshot) {
		if (!this.enabled) {
			return;
		}
		if (kept(snapshot.hash(), snapshot.site(), snapshot.language(), snapshot.revision())) {
			// Kept by an earlier start: first shown then. A file there that no longer holds it is written again.
			this.served.add(snapshot.hash());
			return;
		}
		try {
			Files.createDirectories(this.folder);
			String meta = String.join("\t", FORMAT, text(snapshot.site()), text(snapshot.language()),
					Integer.toString(snapshot.revision()), Long.toString(snapshot.firstShownAt().getEpochSecond()));
			// The content last: a snapshot is there once its .html is.
			write(this.folder.resolve(snapshot.hash() + ".meta"), (meta + "\n").getBytes(StandardCharsets.UTF_8));
			write(this.folder.resolve(snapshot.hash() + ".html"), snapshot.content());
			try (FileChannel directory = FileChannel.open(this.folder, StandardOpenOption.READ)) {
				directory.force(true);
			}
		}
		catch (IOException ex) {
			if (this.keeping != null) {
				this.keeping.failed(RecordKeeping.Trouble.SNAPSHOTS, ex.toString());
			}
			throw new UncheckedIOException("The snapshot " + snapshot.hash() + " cannot be written in " + this.folder, ex);
		}
		if (this.keeping != null) {
			this.keeping.recovered(RecordKeeping.Trouble.SNAPSHOTS);
		}
		this.served.add(snapshot.hash());
	}

	@Override
	public boolean kept(String hash, String site, String language, int revision) {
		// Read back, so that what the file says it shows is checked too (and its content against its name).
		return read(hash).filter((kept) -> kept.shows(site, language, revision)).isPresent();
	}

	/** The snapshot of this hash as the folder holds it: none when it is not there, or no longer matches its hash. */
	Optional<ShownSnapshot> read(String hash) {
		if (!SnapshotHashes.HASH.matcher(hash).matches()) {
			return Optional.empty();
		}
		try {
			byte[] content = Files.readAllBytes(this.folder.resolve(hash + ".html"));
			String[] meta = Files.readString(this.folder.resolve(hash + ".meta"), StandardCharsets.UTF_8)
				.strip()
				.split("\t", -1);
			ShownSnapshot snapshot = new ShownSnapshot(hash, URLDecoder.decode(meta[1], StandardCharsets.UTF_8),
					URLDecoder.decode(meta[2], StandardCharsets.UTF_8), Integer.parseInt(meta[3]),
					Instant.ofEpochSecond(Long.parseLong(meta[4])), content);
			if (!meta[0].equals(FORMAT) || !snapshot.intact()) {
				logger.error("Consent records: the snapshot file " + hash + ".html in " + this.folder
						+ " no longer matches its name: not taken");
				return Optional.empty();
			}
			return Optional.of(snapshot);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException | RuntimeException ex) {
			logger.error("Consent records: the snapshot " + hash + " in " + this.folder + " cannot be read: " + ex);
			return Optional.empty();
		}
	}

	/** The hashes of the snapshots the folder holds. */
	List<String> hashes() {
		List<String> hashes = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.folder)) {
			files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".html"))
				.map((name) -> name.substring(0, name.length() - ".html".length()))
				.filter((name) -> SnapshotHashes.HASH.matcher(name).matches())
				.forEach(hashes::add);
		}
		catch (IOException ex) {
			// No folder yet: no snapshot.
		}
		return hashes;
	}

	Set<String> inDatabase() {
		return this.inDatabase;
	}

	/** Whether this process serves the snapshot: its file stays, whatever the database holds. */
	boolean served(String hash) {
		return this.served.contains(hash);
	}

	/** Removes the file of a snapshot the database holds, which this process does not serve. */
	void remove(String hash) throws IOException {
		Files.deleteIfExists(this.folder.resolve(hash + ".html"));
		Files.deleteIfExists(this.folder.resolve(hash + ".meta"));
	}

	private static void write(Path target, byte[] bytes) throws IOException {
		Path written = target.resolveSibling(target.getFileName() + ".tmp");
		try (FileChannel channel = FileChannel.open(written, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
		Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	private static String text(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
