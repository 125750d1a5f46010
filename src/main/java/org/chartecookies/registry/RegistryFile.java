package org.chartecookies.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.chartecookies.registry.Sites.Loaded;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.FileSystemResource;

/**
 * One file of a registry folder, read safely: a link is followed inside the folder only, a file far larger than a
 * registry is not read, and a file holding the bytes of the version served is not loaded again.
 */
final class RegistryFile {

	/** A registry is a few kilobytes; a file far larger is a mistake, and is not read into memory. */
	static final long MOST_BYTES = 16L * 1024 * 1024;

	private RegistryFile() {
	}

	/**
	 * The site {@code id} of a file of the folder: the version served ({@code previous}) when the file still holds its
	 * bytes, else the file loaded again; null when the file grew while it was read (it is reported at the next read).
	 * @throws InvalidRegistryException when the file cannot be read or is not a valid registry, naming the file
	 */
	static @Nullable Loaded read(Path folder, Path file, String id, @Nullable Loaded previous, RegistryLoader loader) {
		String name = file.getFileName().toString();
		try {
			// A link is followed inside the folder only (a config map's files are links into its ..data): one to
			// a file elsewhere (ln -s /etc/shadow) would show that file's first line in the problem. The file is
			// read once, by its real path, so that the link cannot be changed between the check and the read.
			Path real = file.toRealPath();
			if (!real.startsWith(folder.toRealPath())) {
				throw new InvalidRegistryException(file.toString(), "the file is a link to a file outside the registry"
						+ " folder, which is never read (a link may point inside the folder only, as a Kubernetes"
						+ " config map's do)");
			}
			long size = Files.size(real);
			if (size > MOST_BYTES) {
				throw new InvalidRegistryException(file.toString(),
						"the file holds " + size + " bytes, more than the " + MOST_BYTES + " a registry may hold");
			}
			byte[] bytes;
			try (InputStream input = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
				bytes = input.readNBytes((int) MOST_BYTES + 1);
			}
			if (bytes.length > MOST_BYTES) {
				return null;
			}
			String digest = digest(bytes);
			if (previous != null && previous.digest().equals(digest) && previous.file().equals(name)) {
				return previous;
			}
			CookieRegistry registry = loader.load(new FileSystemResource(file).getDescription(), bytes);
			return new Loaded(new HostedSite(id, registry), name, digest);
		}
		catch (IOException ex) {
			throw new InvalidRegistryException(file.toString(), "the file cannot be read: " + ex.getMessage(), ex);
		}
	}

	private static String digest(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
