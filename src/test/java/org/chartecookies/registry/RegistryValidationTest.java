package org.chartecookies.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --charte.registry.validate=PATH}: a registry file or a folder checked as the start-up checks them, without
 * starting; exit 0 when every file is valid, 1 with the start-up's messages otherwise.
 */
class RegistryValidationTest {

	private static final Path VALID = Path.of("src/main/resources/registry/cookies.yaml");

	private static final Path BROKEN = Path.of("src/test/resources/registries/broken/duplicate-cookie.yaml");

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int validate(Path path) {
		return RegistryValidation.run(path.toString(), new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	@Test
	void aValidFileIsSaidValidWithWhatItDeclares() {
		assertThat(validate(VALID)).isZero();

		assertThat(out()).contains(VALID + ": valid, revision 1, 2 categories, 8 cookies");
		assertThat(err()).isEmpty();
	}

	@Test
	void aBrokenFileGetsTheStartUpsMessage() {
		assertThat(validate(BROKEN)).isEqualTo(1);

		assertThat(err()).contains("cookies[3] (sessionid): the cookie name is declared twice, first in cookies[0]");
		assertThat(out()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "provider: TO FILL IN", "purpose: { fr: À REMPLIR, en: Keeps the basket }",
			"purpose: { fr: \"À TRADUIRE : Keeps the basket\", en: Keeps the basket }" })
	void aSuggestedEntryNotCompletedIsRefused(String line, @TempDir Path folder) throws IOException {
		String registry = Files.readString(VALID).replaceAll("(?m)^cookies:\n", "cookies:\n  - name: basket\n"
				+ "    category: necessary\n    lifetime: P1D\n"
				+ (line.startsWith("provider") ? "" : "    provider: Shop\n")
				+ "    service: { fr: Boutique, en: Shop }\n"
				+ (line.startsWith("purpose") ? "" : "    purpose: { fr: Garde le panier, en: Keeps the basket }\n")
				+ "    " + line + "\n");
		Path file = Files.writeString(folder.resolve("cookies.yaml"), registry);

		assertThat(validate(file)).isEqualTo(1);

		assertThat(err()).contains("cookies[0] (basket): ", " still says '",
				"a suggested entry must be completed (every text written, the French translated) before it is published");
		assertThat(out()).isEmpty();
	}

	@Test
	void aMissingFileIsSaidMissing(@TempDir Path folder) {
		assertThat(validate(folder.resolve("nowhere.yaml"))).isEqualTo(1);

		assertThat(err()).contains("nowhere.yaml").contains("does not exist");
	}

	/** A registry is a few kilobytes: a huge file, a device or a pipe is refused at once, never read whole. */
	@Test
	void aHugeFileADeviceOrAPipeIsRefusedWithoutReadingIt(@TempDir Path folder) throws Exception {
		Path huge = folder.resolve("huge.yaml");
		try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
			sparse.setLength(3L * 1024 * 1024 * 1024);
		}
		assertThat(validate(huge)).isEqualTo(1);
		assertThat(err()).contains("more than the 16777216 bytes a registry may hold");

		Path device = Files.createSymbolicLink(folder.resolve("zero.yaml"), Path.of("/dev/zero"));
		assertThat(validate(device)).isEqualTo(1);
		Path pipe = folder.resolve("pipe.yaml");
		assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
		assertThat(validate(pipe)).isEqualTo(1);
		assertThat(err()).contains("not a regular file");
	}

	@Test
	void aFolderIsValidOnlyWhenEveryFileIs(@TempDir Path folder) throws IOException {
		Files.copy(VALID, folder.resolve("shop.yaml"));
		assertThat(validate(folder)).isZero();
		assertThat(out()).contains("shop: valid, revision 1");

		Files.copy(BROKEN, folder.resolve("blog.yaml"));
		assertThat(validate(folder)).isEqualTo(1);
		assertThat(err()).contains("blog.yaml").contains("the cookie name is declared twice");
	}

	@Test
	void aFolderWithoutAValidFileIsSaidSo(@TempDir Path folder) throws IOException {
		Files.copy(BROKEN, folder.resolve("blog.yaml"));

		assertThat(validate(folder)).isEqualTo(1);
		assertThat(err()).contains("no valid registry file");
	}

	/** An empty path would name the working folder: it is said missing, not checked in its place. */
	@ParameterizedTest
	@ValueSource(strings = { "", " " })
	void noPathIsSaidMissing(String path) {
		int status = RegistryValidation.run(path, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));

		assertThat(status).isEqualTo(2);
		assertThat(err()).isEqualTo("--charte.registry.validate needs the path of a registry file or folder:"
				+ " --charte.registry.validate=/config/cookies.yaml" + System.lineSeparator());
		assertThat(out()).isEmpty();
	}

}
