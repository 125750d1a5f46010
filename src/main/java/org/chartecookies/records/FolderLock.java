package org.chartecookies.records;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One running instance per records folder: an operating-system lock on {@value #LOCK}, released when the process ends
 * however it ends. A second instance would write its decisions to a file the first never reads (and the embedded
 * database in the folder takes one process only).
 */
final class FolderLock {

	private static final Log logger = LogFactory.getLog(FolderLock.class);

	/** Locked by the instance that writes from the folder, for as long as it runs. */
	static final String LOCK = "records.lock";

	private final Path folder;

	private @Nullable FileChannel lock;

	FolderLock(Path folder) {
		this.folder = folder;
	}

	/**
	 * Takes the folder for this instance, or refuses when another instance holds it.
	 *
	 * @throws RecordsSetupException.InUse when another instance (another process, or another application in this one)
	 * writes from the folder
	 * @throws RecordsSetupException.Unusable when the lock cannot be written there
	 */
	synchronized void lock() {
		if (this.lock != null) {
			return;
		}
		Path folder = this.folder.toAbsolutePath().normalize();
		FileChannel channel;
		FileLock held;
		try {
			channel = FileChannel.open(this.folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new RecordsSetupException.Unusable(folder, ex);
		}
		try {
			held = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			held = null;
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new RecordsSetupException.Unusable(folder, ex);
		}
		if (held == null) {
			closeQuietly(channel);
			throw new RecordsSetupException.InUse(folder);
		}
		this.lock = channel;
	}

	/** Leaves the folder to another instance. */
	synchronized void unlock() {
		FileChannel channel = this.lock;
		this.lock = null;
		if (channel != null) {
			closeQuietly(channel);
		}
	}

	private void closeQuietly(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			logger.warn("Cannot release " + this.folder.resolve(LOCK).toAbsolutePath() + " (" + ex.getMessage() + ")");
		}
	}

}
