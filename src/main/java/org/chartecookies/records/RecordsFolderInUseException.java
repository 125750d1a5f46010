package org.chartecookies.records;

import java.nio.file.Path;

/** Another running instance writes from the records folder: this one must not start on it. */
class RecordsFolderInUseException extends IllegalStateException {

	private final Path folder;

	RecordsFolderInUseException(Path folder) {
		super("The records folder " + folder + " is in use by another running instance (it holds " + SpillFile.LOCK
				+ " there).");
		this.folder = folder;
	}

	Path folder() {
		return this.folder;
	}

}
