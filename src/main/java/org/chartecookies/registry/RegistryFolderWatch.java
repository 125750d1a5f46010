package org.chartecookies.registry;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the registry folder again when the file system reports a change in it, and at each poll interval besides
 * (some mounts report nothing): one daemon thread, started and stopped with the application. A file written to is
 * left as it is served until it has settled ({@link SettlingFiles}); a file moved in is read at once; a site whose file
 * is gone is removed when its grace period ends. A folder removed and created again, or replaced by another, is
 * watched again as soon as it is seen back; until then none of its files is read, and then each waits the quiet
 * period, since what was written meanwhile may still be being written.
 */
class RegistryFolderWatch implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RegistryFolderWatch.class);

	/** Editors write a file in several steps: the folder is read once the changes have paused this long. */
	private static final Duration SETTLE = Duration.ofMillis(100);

	/** How often a folder that is gone is looked for again. */
	private static final Duration LOOK_AGAIN = Duration.ofSeconds(1);

	private final Sites sites;

	private final Path folder;

	private final Duration pollInterval;

	private final SettlingFiles settling;

	private final InstantSource clock;

	private volatile @Nullable Thread thread;

	private volatile @Nullable WatchService watch;

	/** The folder's registration with the watch service (the watch thread's alone once started). */
	private @Nullable WatchKey key;

	/** Which folder is watched ({@link BasicFileAttributes#fileKey()}): a folder put in its place is another one. */
	private @Nullable Object watched;

	RegistryFolderWatch(Sites sites, Path folder, Duration pollInterval, Duration quietPeriod) {
		this.sites = sites;
		this.folder = folder;
		this.pollInterval = pollInterval;
		this.settling = new SettlingFiles(quietPeriod);
		this.clock = InstantSource.system();
	}

	@Override
	public void start() {
		try {
			WatchService service = this.folder.getFileSystem().newWatchService();
			register(service);
			this.watch = service;
		}
		catch (IOException | UnsupportedOperationException ex) {
			logger.warn("Cookie registry folder " + this.folder + " cannot be watched (" + ex.getMessage()
					+ "): it is read again every " + this.pollInterval.toSeconds() + " s only");
		}
		Thread watcher = new Thread(this::run, "registry-folder-watch");
		watcher.setDaemon(true);
		this.thread = watcher;
		watcher.start();
	}

	private void run() {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				WatchService service = this.watch;
				long wait = nextWait().toMillis();
				if (service == null) {
					Thread.sleep(wait);
				}
				else {
					WatchKey key = service.poll(wait, TimeUnit.MILLISECONDS);
					while (key != null) {
						List<WatchEvent<?>> events = key.pollEvents();
						if (key == this.key) {
							// Not those of a folder moved away since.
							events.forEach(this::noticed);
						}
						key.reset();
						key = service.poll(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
					}
					if (!watching() && !watchAgain(service)) {
						this.sites.reloadListOnly();
						continue;
					}
				}
				this.sites.reload(this.settling.settling(this.clock.instant()));
			}
			catch (InterruptedException | ClosedWatchServiceException ex) {
				return;
			}
			catch (RuntimeException | OutOfMemoryError ex) {
				// Whatever a file did, the watch goes on: the next change or poll reads the folder again.
				logger.error("Cookie registry folder " + this.folder + " could not be read again", ex);
			}
		}
	}

	private void register(WatchService service) throws IOException {
		this.key = this.folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
				StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
		this.watched = folderKey();
	}

	/**
	 * Whether the folder at the path is the one watched: a folder removed invalidates its key (its events stop), one
	 * moved away keeps it (on Linux, its events go on, for it, elsewhere); that is seen at the next poll.
	 */
	private boolean watching() {
		WatchKey current = this.key;
		return current != null && current.isValid() && Objects.equals(folderKey(), this.watched);
	}

	private @Nullable Object folderKey() {
		try {
			return Files.readAttributes(this.folder, BasicFileAttributes.class).fileKey();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Watches the folder now at the path, if there is one, and has each file in it settle first: it may have been
	 * written to while no change could be seen. False while there is no folder to watch.
	 */
	private boolean watchAgain(WatchService service) {
		if (!Files.isDirectory(this.folder)) {
			return false;
		}
		WatchKey old = this.key;
		if (old != null) {
			old.cancel();
		}
		try {
			register(service);
		}
		catch (IOException ex) {
			logger.warn("Cookie registry folder " + this.folder + " cannot be watched again (" + ex.getMessage()
					+ "): it is read again every " + this.pollInterval.toSeconds() + " s only");
			this.watch = null;
			close(service);
			return true;
		}
		Instant now = this.clock.instant();
		try (Stream<Path> files = Files.list(this.folder)) {
			files.forEach((file) -> this.settling.written(file.getFileName().toString(), now));
		}
		catch (IOException ex) {
			// Gone again: the next pass sees it.
		}
		logger.info("Cookie registry folder " + this.folder + " is watched again (it was removed or replaced); its files"
				+ " are read once nothing has been written to them for the quiet period");
		return true;
	}

	/** Until the next poll, the next file settled or the next site removed, whichever comes first. */
	private Duration nextWait() {
		Duration wait = this.pollInterval;
		WatchKey current = this.key;
		if (this.watch != null && (current == null || !current.isValid()) && LOOK_AGAIN.compareTo(wait) < 0) {
			wait = LOOK_AGAIN;
		}
		Duration settled = this.settling.untilSettled(this.clock.instant());
		if (settled != null && settled.compareTo(wait) < 0) {
			wait = settled;
		}
		Duration removal = this.sites.untilRemoval();
		if (removal != null && removal.compareTo(wait) < 0) {
			wait = removal;
		}
		return wait.compareTo(SETTLE) < 0 ? SETTLE : wait;
	}

	/**
	 * A file written to (or created empty, to be written next) settles first; a file moved in complete is read at
	 * once.
	 */
	private void noticed(WatchEvent<?> event) {
		if (!(event.context() instanceof Path name)) {
			return;
		}
		String file = name.toString();
		if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
			this.settling.gone(file);
		}
		else if (event.kind() == StandardWatchEventKinds.ENTRY_MODIFY || isEmpty(this.folder.resolve(name))) {
			this.settling.written(file, this.clock.instant());
		}
	}

	private static boolean isEmpty(Path file) {
		try {
			return Files.size(file) == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void stop() {
		Thread watcher = this.thread;
		this.thread = null;
		if (watcher != null) {
			watcher.interrupt();
		}
		WatchService service = this.watch;
		this.watch = null;
		if (service != null) {
			close(service);
		}
	}

	private static void close(WatchService service) {
		try {
			service.close();
		}
		catch (IOException ex) {
			// Stopping anyway.
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
