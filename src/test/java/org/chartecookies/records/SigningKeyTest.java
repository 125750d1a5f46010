package org.chartecookies.records;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The key the operator configures: an Ed25519 private key in PEM (text or file), as openssl writes it; its public half,
 * for the verification, worked out from it; signatures only its public half verifies; line codes only it makes.
 */
class SigningKeyTest {

	@TempDir
	Path folder;

	/** A new key, as the operator would give it: PKCS#8 in PEM. */
	static SigningKey newKey() {
		return SigningKey.load(newPem());
	}

	static String newPem() {
		try {
			byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
			return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
					+ "\n-----END PRIVATE KEY-----\n";
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aKeyMadeByOpensslIsReadFromItsFileAndItsPublicHalfIsOpensslsToo() throws Exception {
		Path key = this.folder.resolve("signing-key.pem");
		Path pub = this.folder.resolve("signing-key.pub.pem");
		assumeTrue(run("openssl", "genpkey", "-algorithm", "ed25519", "-out", key.toString()), "openssl is installed");
		assertThat(run("openssl", "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString())).isTrue();

		SigningKey signing = SigningKey.load(key.toString());

		assertThat(signing.publicKey()).isEqualTo(SigningKey.loadPublic(pub.toString()));
		assertThat(SigningKey.loadPublic(Files.readString(pub))).isEqualTo(signing.publicKey());
		assertThat(SigningKey.load("file:" + key).id()).isEqualTo(signing.id());
		assertThat(SigningKey.loadPublic(signing.publicKeyPem())).isEqualTo(signing.publicKey());
	}

	@Test
	void aSignatureVerifiesWithItsOwnPublicKeyAndOnItsOwnTextOnly() {
		SigningKey key = newKey();
		SigningKey other = newKey();
		String signature = key.sign("charte-checkpoint/1 head writer=w-1");

		assertThat(SigningKey.verify(key.publicKey(), "charte-checkpoint/1 head writer=w-1", signature)).isTrue();
		assertThat(SigningKey.verify(key.publicKey(), "charte-checkpoint/1 head writer=w-2", signature)).isFalse();
		assertThat(SigningKey.verify(other.publicKey(), "charte-checkpoint/1 head writer=w-1", signature)).isFalse();
		assertThat(SigningKey.verify(key.publicKey(), "charte-checkpoint/1 head writer=w-1", "not base64!")).isFalse();
		assertThat(key.id()).hasSize(16).isNotEqualTo(other.id()).isEqualTo(SigningKey.idOf(key.publicKey()));
	}

	@Test
	void aLineCodeIsTheKeysAndTheLinesOnly() {
		SigningKey key = newKey();
		String code = key.authenticate("r2\tline");

		assertThat(key.authentic("r2\tline", code)).isTrue();
		assertThat(key.authentic("r2\tlinE", code)).isFalse();
		assertThat(newKey().authentic("r2\tline", code)).isFalse();
	}

	@Test
	void whatIsNoEd25519PrivateKeyIsRefusedWithASentenceThatQuotesNothingOfIt() throws Exception {
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.load("/no/such/file.pem"))
			.withMessage("the signing key is neither PEM text nor a readable PEM file (NoSuchFileException)");
		Path secret = this.folder.resolve("secret.pem");
		Files.writeString(secret, "a secret line that must not reach a log\n");
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.load(secret.toString()))
			.withMessageNotContaining("secret line");
		String rsa = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder()
			.encodeToString(KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.load(rsa))
			.withMessageStartingWith("the signing key is not an Ed25519 private key");
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.loadPublic(newPem()))
			.withMessageStartingWith("the public key is neither");
	}

	private static boolean run(String... command) throws IOException, InterruptedException {
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return false;
		}
		process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
		return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
	}


	@Test
	void anEd448KeyIsNoEd25519Key() throws Exception {
		String ed448 = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder()
			.encodeToString(KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";

		assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.load(ed448))
			.withMessageStartingWith("the signing key is not an Ed25519 private key");
	}

	@Test
	void aPublicKeyBlockMustBeWhole() {
		String pem = newKey().publicKeyPem();
		String body = pem.substring(pem.indexOf('\n') + 1, pem.lastIndexOf('\n'));

		assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.loadPublic("-----BEGIN PUBLIC KEY-----\n" + body));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SigningKey.loadPublic("-----END PUBLIC KEY-----\n" + body + "\n-----BEGIN PUBLIC KEY-----"));
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.loadPublic(body + "\n-----END PUBLIC KEY-----"));
	}

	/** As documented: the lines' key is HMAC-SHA256 of a label under the private key's 32 bytes. */
	@Test
	void theLinesKeyIsDerivedFromThePrivateKeyAsDocumented() throws Exception {
		byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
		SigningKey key = SigningKey.load("-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
				+ "\n-----END PRIVATE KEY-----\n");
		// PKCS#8 of an Ed25519 key ends with the 32 bytes of the key.
		byte[] seed = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
		javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
		mac.init(new javax.crypto.spec.SecretKeySpec(seed, "HmacSHA256"));
		byte[] lineKey = mac.doFinal(SigningKey.LINE_KEY_LABEL.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		mac.init(new javax.crypto.spec.SecretKeySpec(lineKey, "HmacSHA256"));
		String expected = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(mac.doFinal("r2\tline".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

		assertThat(key.authenticate("r2\tline")).isEqualTo(expected);
	}

}
