package org.chartecookies.records;

import java.nio.file.Path;

/** Another running instance writes from the records folder: this one must not start on it. */
class RecordsFolderInUseException extends IllegalStateException {

	RecordsFolderInUseException(Path folder) {
		super("The records folder " + folder + " is in use by another running instance (it holds " + SpillFile.LOCK
				+ " there).");
	}

}
