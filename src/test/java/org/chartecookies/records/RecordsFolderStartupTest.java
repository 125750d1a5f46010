package org.chartecookies.records;

import java.nio.file.Files;
import java.nio.file.Path;

import org.chartecookies.StartupFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A records folder the application cannot make stops its start with a report that names it, not a stack trace. */
class RecordsFolderStartupTest {

	@TempDir
	Path work;

	@Test
	void aRecordsFolderThatIsAFileStopsTheStartWithAReportNamingIt() throws Exception {
		Path file = Files.writeString(this.work.resolve("not-a-folder"), "x");

		String report = StartupFailure.of("--charte.records.folder=" + file);

		assertThat(report).contains("APPLICATION FAILED TO START",
				"The records folder " + file.toAbsolutePath().normalize() + " cannot be used: FileAlreadyExistsException",
				"CHARTE_RECORDS_FOLDER");
	}

}
