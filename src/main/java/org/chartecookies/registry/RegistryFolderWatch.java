package org.chartecookies.registry;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the registry folder again when the file system reports a change in it, and at each poll interval besides
 * (some mounts report nothing): one daemon thread, started and stopped with the application. A file written to is
 * left as it is served until it has settled ({@link SettlingFiles}); a file moved in is read at once; a site whose file
 * is gone is removed when its grace period ends.
 */
class RegistryFolderWatch implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RegistryFolderWatch.class);

	/** Editors write a file in several steps: the folder is read once the changes have paused this long. */
	private static final Duration SETTLE = Duration.ofMillis(100);

	private final Sites sites;

	private final Path folder;

	private final Duration pollInterval;

	private final SettlingFiles settling;

	private final InstantSource clock;

	private volatile @Nullable Thread thread;

	private volatile @Nullable WatchService watch;

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
			this.folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
					StandardWatchEventKinds.ENTRY_DELETE);
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
						key.pollEvents().forEach(this::noticed);
						key.reset();
						key = service.poll(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
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

	/** Until the next poll, the next file settled or the next site removed, whichever comes first. */
	private Duration nextWait() {
		Duration wait = this.pollInterval;
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
			try {
				service.close();
			}
			catch (IOException ex) {
				// Stopping anyway.
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
