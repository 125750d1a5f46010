package org.chartecookies.consent;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Consent ids: how the consent endpoint makes them, and the time one was made at, for whoever reads one back.
 */
public final class ConsentIds {

	private static final SecureRandom RANDOM = new SecureRandom();

	private ConsentIds() {
	}

	/**
	 * A new consent id: 128 bits laid out as a UUID of version 7 (RFC 9562), the decision's time in milliseconds then
	 * 74 random bits, written in base64url (22 characters). The random bits make it unguessable and unique; the time
	 * in front makes the ids of one moment neighbours in the records' index, so that recording a decision updates a
	 * page of that index the last decisions already updated rather than a random one (with 128 random bits, that index
	 * was two thirds of the embedded database's cost of a record: README, "The consent POST's cost of recording").
	 */
	public static String newId(Instant time) {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		long millis = time.toEpochMilli();
		for (int i = 0; i < 6; i++) {
			bytes[i] = (byte) (millis >>> (40 - 8 * i));
		}
		bytes[6] = (byte) (0x70 | (bytes[6] & 0x0f));
		bytes[8] = (byte) (0x80 | (bytes[8] & 0x3f));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * The time a consent id was made at, to the millisecond, when it is laid out as {@link #newId} lays them
	 * out (version 7, RFC 9562's variant); null when it is not.
	 */
	public static @Nullable Instant timeOf(String consentId) {
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(consentId);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (bytes.length != 16 || (bytes[6] & 0xf0) != 0x70 || (bytes[8] & 0xc0) != 0x80) {
			return null;
		}
		long millis = 0;
		for (int i = 0; i < 6; i++) {
			millis = (millis << 8) | (bytes[i] & 0xff);
		}
		return Instant.ofEpochMilli(millis);
	}

}
