package org.chartecookies.registry;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the registry folder again when the file system reports a change in it, and at each poll interval besides
 * (some mounts report nothing): one daemon thread, started and stopped with the application.
 */
class RegistryFolderWatch implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RegistryFolderWatch.class);

	/** Editors write a file in several steps: the folder is read once the changes have paused this long. */
	private static final Duration SETTLE = Duration.ofMillis(100);

	private final Sites sites;

	private final Path folder;

	private final Duration pollInterval;

	private volatile @Nullable Thread thread;

	private volatile @Nullable WatchService watch;

	RegistryFolderWatch(Sites sites, Path folder, Duration pollInterval) {
		this.sites = sites;
		this.folder = folder;
		this.pollInterval = pollInterval;
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
				if (service == null) {
					Thread.sleep(this.pollInterval.toMillis());
				}
				else {
					WatchKey key = service.poll(this.pollInterval.toMillis(), TimeUnit.MILLISECONDS);
					while (key != null) {
						key.pollEvents();
						key.reset();
						key = service.poll(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
					}
				}
				this.sites.reload();
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
