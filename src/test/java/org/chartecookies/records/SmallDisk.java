package org.chartecookies.records;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A disk of a few megabytes (a tmpfs mounted for the test) that the test fills and frees, as a full disk fills and
 * is freed. Mounting needs root (CI runs as root) on a machine that allows it: elsewhere the test is skipped.
 */
final class SmallDisk implements AutoCloseable {

	private final Path mount;

	private final Path filler;

	private SmallDisk(Path mount) {
		this.mount = mount;
		this.filler = mount.resolve("filler");
	}

	static SmallDisk mount(Path at, int megabytes) throws Exception {
		Files.createDirectories(at);
		if (!run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", at.toString())) {
			// Not a missing package CI could install: a machine that does not let root mount is no failure of ours.
			Assumptions.abort("a tmpfs cannot be mounted here (root, and a machine that allows mounts, are needed):"
					+ " test skipped");
		}
		return new SmallDisk(at);
	}

	Path path() {
		return this.mount;
	}

	/** Writes until no byte more fits. */
	void fill() throws IOException {
		try (OutputStream out = Files.newOutputStream(this.filler)) {
			byte[] block = new byte[64 * 1024];
			while (true) {
				out.write(block);
			}
		}
		catch (IOException full) {
			// No space left on device: full.
		}
		// The last bytes too, one at a time.
		try (OutputStream out = Files.newOutputStream(this.mount.resolve("filler-last"))) {
			while (true) {
				out.write(0);
				out.flush();
			}
		}
		catch (IOException full) {
			// Full to the byte.
		}
	}

	/** Frees this many bytes (about: the file system counts in blocks). */
	void freeSome(int bytes) throws IOException {
		try (java.nio.channels.FileChannel filler = java.nio.channels.FileChannel.open(this.filler,
				java.nio.file.StandardOpenOption.WRITE)) {
			filler.truncate(Math.max(0, filler.size() - bytes));
		}
	}

	void free() throws IOException {
		Files.deleteIfExists(this.filler);
		Files.deleteIfExists(this.mount.resolve("filler-last"));
	}

	@Override
	public void close() throws Exception {
		run("umount", "-l", this.mount.toString());
	}

	private static boolean run(String... command) throws Exception {
		Process process;
		try {
			process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return false;
		}
		process.getInputStream().transferTo(OutputStream.nullOutputStream());
		return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
	}

}
