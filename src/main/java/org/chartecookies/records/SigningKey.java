package org.chartecookies.records;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.pem.PemContent;

/**
 * The key that signs the records' checkpoints (Ed25519) and authenticates the lines of the records folder's files
 * (HMAC-SHA256 under a key derived from it: {@link #LINE_KEY_LABEL}): given as PEM text or as the path of a PEM file, as
 * {@code openssl genpkey -algorithm ed25519} writes it. Whoever lacks it can neither sign a checkpoint nor write a
 * line the application takes; the verification needs only its public half.
 */
final class SigningKey {

	private static final String ALGORITHM = "Ed25519";

	private static final Pattern PUBLIC_KEY = Pattern.compile(
			"-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

	/** The lines' key is the HMAC-SHA256 of this label under the private key's seed: one secret to configure. */
	static final String LINE_KEY_LABEL = "charte-cookies waiting lines v1";

	private final PrivateKey privateKey;

	private final PublicKey publicKey;

	private final SecretKeySpec lineKey;

	private SigningKey(PrivateKey privateKey, PublicKey publicKey, byte[] seed) {
		this.privateKey = privateKey;
		this.publicKey = publicKey;
		this.lineKey = new SecretKeySpec(hmac(new SecretKeySpec(seed, "HmacSHA256"), LINE_KEY_LABEL), "HmacSHA256");
	}

	/**
	 * The key in PEM text, or in the PEM file at that path.
	 *
	 * @throws IllegalArgumentException when it is no Ed25519 private key, with a sentence that quotes nothing of it
	 */
	static SigningKey load(String pemOrPath) {
		PrivateKey key;
		try {
			PemContent pem = PemContent.isPresentInText(pemOrPath) ? PemContent.of(pemOrPath)
					: PemContent.load(Path.of(withoutFilePrefix(pemOrPath)));
			key = pem.getPrivateKey();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("the signing key is neither PEM text nor a readable PEM file ("
					+ ex.getClass().getSimpleName() + ")");
		}
		if (!(key instanceof EdECPrivateKey edKey) || !edKey.getParams().getName().equalsIgnoreCase(ALGORITHM)) {
			throw new IllegalArgumentException("the signing key is not an Ed25519 private key"
					+ " (openssl genpkey -algorithm ed25519 -out signing-key.pem)");
		}
		byte[] seed = edKey.getBytes().orElseThrow();
		return new SigningKey(key, publicKeyOf(seed), seed);
	}

	/**
	 * The public key of a private key's seed. The JDK has no call for it, but its key pair generator takes the seed
	 * from the random source it is given: handed the seed, it makes the pair of that private key.
	 */
	private static PublicKey publicKeyOf(byte[] seed) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
			generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {

				@Override
				public void nextBytes(byte[] bytes) {
					System.arraycopy(seed, 0, bytes, 0, bytes.length);
				}

			});
			return generator.generateKeyPair().getPublic();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("every Java runtime since 15 has Ed25519", ex);
		}
	}

	/** A public key in PEM text ({@code -----BEGIN PUBLIC KEY-----}), or in the PEM file at that path. */
	static PublicKey loadPublic(String pemOrPath) {
		try {
			String text = pemOrPath.contains("-----BEGIN") ? pemOrPath
					: Files.readString(Path.of(withoutFilePrefix(pemOrPath)), StandardCharsets.US_ASCII);
			Matcher block = PUBLIC_KEY.matcher(text);
			if (!block.find()) {
				throw new IllegalArgumentException("no -----BEGIN PUBLIC KEY----- block");
			}
			byte[] der = Base64.getMimeDecoder().decode(block.group(1));
			return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
		}
		catch (IOException | GeneralSecurityException | RuntimeException ex) {
			throw new IllegalArgumentException("the public key is neither an Ed25519 public key in PEM nor a readable file"
					+ " holding one (openssl pkey -in signing-key.pem -pubout)");
		}
	}

	private static String withoutFilePrefix(String path) {
		return path.startsWith("file:") ? path.substring(5) : path;
	}

	PublicKey publicKey() {
		return this.publicKey;
	}

	/** The key's name in checkpoints: the first 16 hex digits of SHA-256 of its public half. */
	String id() {
		return idOf(this.publicKey);
	}

	static String idOf(PublicKey key) {
		return HexFormat.of().formatHex(sha256(key.getEncoded())).substring(0, 16);
	}

	/** The public half in PEM, for the operator to keep where the verification will find it. */
	String publicKeyPem() {
		return "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(this.publicKey.getEncoded())
				+ "\n-----END PUBLIC KEY-----";
	}

	/** The Ed25519 signature of the text, in base64url. */
	String sign(String text) {
		try {
			Signature signature = Signature.getInstance(ALGORITHM);
			signature.initSign(this.privateKey);
			signature.update(text.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Whether the signature is the key's on the text; false too without a key (one not among those given). */
	static boolean verify(@Nullable PublicKey key, String text, String signature) {
		try {
			Signature verifier = Signature.getInstance(ALGORITHM);
			verifier.initVerify(key);
			verifier.update(text.getBytes(StandardCharsets.UTF_8));
			return verifier.verify(Base64.getUrlDecoder().decode(signature));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	/** The HMAC-SHA256 of a line of the records folder's files, in base64url. */
	String authenticate(String line) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(this.lineKey, line));
	}

	private static byte[] hmac(SecretKeySpec key, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Whether the code is the line's, compared in constant time. */
	boolean authentic(String line, String code) {
		return MessageDigest.isEqual(authenticate(line).getBytes(StandardCharsets.US_ASCII),
				code.getBytes(StandardCharsets.US_ASCII));
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}


}
