package org.chartecookies.records;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records folder's place, read from a container's mount table as Linux writes it: a warning when it will not
 * outlive the container, nothing otherwise.
 */
class RecordsFolderMountTest {

	private static final String ROOT = "501 412 0:52 / / rw,relatime master:220 - overlay overlay rw,lowerdir=/x,upperdir=/y,workdir=/z";

	private static final String PROC = "502 501 0:55 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw";

	private static final Path FOLDER = Path.of("/app/data");

	@Test
	void onTheContainersOwnFileSystemTheFolderIsSaidToGoWithIt() {
		assertThat(RecordsFolderMount.warning(FOLDER, List.of(ROOT, PROC)))
			.contains("/app/data is on the container's own file system")
			.contains("docker run -v charte-data:/app/data");
	}

	@Test
	void onAnAnonymousVolumeTheFolderIsSaidToBeLostAtTheNextContainer() {
		String anonymous = "530 501 8:1 /var/lib/docker/volumes/" + "3f".repeat(32)
				+ "/_data /app/data rw,relatime master:1 - ext4 /dev/sda1 rw";

		assertThat(RecordsFolderMount.warning(FOLDER, List.of(ROOT, PROC, anonymous)))
			.contains("/app/data is on an anonymous volume");
		assertThat(RecordsFolderMount.warning(Path.of("/app/data/records"), List.of(ROOT, anonymous)))
			.as("a folder inside it").contains("anonymous volume");
	}

	@Test
	void onANamedVolumeAHostFolderOrOutsideAContainerNothingIsSaid() {
		String named = "530 501 8:1 /var/lib/docker/volumes/charte-data/_data /app/data rw,relatime - ext4 /dev/sda1 rw";
		String host = "530 501 8:1 /srv/charte\\040cookies /app/data rw,relatime - ext4 /dev/sda1 rw";
		String machine = "27 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw";

		assertThat(RecordsFolderMount.warning(FOLDER, List.of(ROOT, named))).isNull();
		assertThat(RecordsFolderMount.warning(FOLDER, List.of(ROOT, host))).isNull();
		assertThat(RecordsFolderMount.warning(FOLDER, List.of(machine, PROC))).isNull();
		assertThat(RecordsFolderMount.warning(FOLDER, List.of())).isNull();
		assertThat(RecordsFolderMount.warning(FOLDER, List.of("garbage", "1 2 3"))).isNull();
	}

	@Test
	void theLongestMountPointHoldingTheFolderDecides() {
		String data = "530 501 8:1 /var/lib/docker/volumes/charte-data/_data /app/data rw - ext4 /dev/sda1 rw";
		String app = "529 501 0:60 / /app rw - overlay overlay rw";

		assertThat(RecordsFolderMount.warning(FOLDER, List.of(ROOT, app, data))).isNull();
		assertThat(RecordsFolderMount.warning(Path.of("/app/other"), List.of(ROOT, app, data))).isNull();
	}

}
