package org.chartecookies.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.jspecify.annotations.Nullable;

/**
 * One rendering of a page, as UTF-8 bytes and gzip-compressed once, each form with its own strong validator.
 *
 * <p>A rendering that shows a {@link PersonalText} is kept in parts, cut where its {@link PersonalText#MARK marks}
 * stand, and the asking visitor's text is put between them as it is sent: plain, the parts and the text one after the
 * other; gzip, each part compressed once on its own (a deflate stream may be cut into blocks that refer to nothing
 * before them), the text as a stored block between them, and the gzip trailer (CRC-32 and length of the whole) worked
 * out for each answer. Its validators then depend on the text too, so that a {@code 304} never confirms another
 * visitor's page, or the visitor's page before their text changed. What was rendered is the same for every visitor
 * and every process (the random mark plays no part in the validators), so that instances behind one load balancer
 * agree.
 *
 * @param parts the page's bytes, cut at each mark (one part when it shows no personal text)
 * @param compressed the gzip form: the whole page when it has one part; otherwise the gzip header and the first
 * part's blocks, then each next part's blocks, without the trailer
 * @param hash what the validators are made of
 */
record RenderedPage(Locale language, List<byte[]> parts, List<byte[]> compressed, String hash) {

	private static final byte[] MARK = PersonalText.MARK.getBytes(StandardCharsets.US_ASCII);

	/** What a mark counts as in the hash: the same in every process. */
	private static final byte[] HASHED_MARK = { 0, 'p', 'e', 'r', 's', 'o', 'n', 'a', 'l', 0 };

	/** The length of a stored block's header. */
	private static final int STORED_HEADER = 5;

	/** Java's own gzip header (no name, no time, operating system 0), so that a page in one part is unchanged. */
	private static final byte[] GZIP_HEADER = { 0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, 0 };

	static RenderedPage of(Locale language, byte[] body) {
		List<byte[]> parts = split(body);
		String hash = hash(parts);
		List<byte[]> compressed = (parts.size() == 1) ? List.of(gzip(body)) : deflateApart(parts);
		return new RenderedPage(language, parts, compressed, hash);
	}

	/** Whether the page shows a personal text. */
	boolean personal() {
		return this.parts.size() > 1;
	}

	String etag(byte @Nullable [] text, boolean gzip) {
		String personal = (personal() && text != null) ? "." + new String(text, StandardCharsets.US_ASCII) : "";
		return "\"" + this.hash + personal + (gzip ? "-gzip" : "") + "\"";
	}

	/** The length of the page sent with this text, plain or compressed. */
	int length(byte @Nullable [] text, boolean gzip) {
		int texts = (text != null) ? text.length * (this.parts.size() - 1) : 0;
		if (!gzip) {
			return this.parts.stream().mapToInt((part) -> part.length).sum() + texts;
		}
		int length = this.compressed.stream().mapToInt((part) -> part.length).sum();
		if (personal()) {
			length += (text != null) ? (STORED_HEADER + text.length) * (this.parts.size() - 1) : 0;
			length += 8;
		}
		return length;
	}

	/** Writes the page with this text in place of its marks, plain or compressed. */
	void write(byte @Nullable [] text, boolean gzip, OutputStream out) throws IOException {
		List<byte[]> pieces = gzip ? this.compressed : this.parts;
		for (int i = 0; i < pieces.size(); i++) {
			if (i > 0 && text != null) {
				if (gzip) {
					out.write(storedHeader(text.length));
				}
				out.write(text);
			}
			out.write(pieces.get(i));
		}
		if (gzip && personal()) {
			out.write(trailer(text));
		}
	}

	/** A page shown once, not kept: its marks replaced by the text. */
	static byte[] personalized(byte[] body, byte @Nullable [] text) {
		List<byte[]> parts = split(body);
		if (parts.size() == 1) {
			return body;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
		for (int i = 0; i < parts.size(); i++) {
			if (i > 0 && text != null) {
				out.writeBytes(text);
			}
			out.writeBytes(parts.get(i));
		}
		return out.toByteArray();
	}

	/** A non-final stored deflate block's header, at a byte boundary: type 00, then the length and its complement. */
	private static byte[] storedHeader(int length) {
		return new byte[] { 0, (byte) length, (byte) (length >>> 8), (byte) ~length, (byte) (~length >>> 8) };
	}

	/** CRC-32 and length of the whole page with this text, as the gzip trailer has them (little-endian). */
	private byte[] trailer(byte @Nullable [] text) {
		CRC32 crc = new CRC32();
		long size = 0;
		for (int i = 0; i < this.parts.size(); i++) {
			if (i > 0 && text != null) {
				crc.update(text);
				size += text.length;
			}
			crc.update(this.parts.get(i));
			size += this.parts.get(i).length;
		}
		long value = crc.getValue();
		return new byte[] { (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24),
				(byte) size, (byte) (size >>> 8), (byte) (size >>> 16), (byte) (size >>> 24) };
	}

	private static List<byte[]> split(byte[] body) {
		List<byte[]> parts = new ArrayList<>();
		int start = 0;
		for (int at = indexOf(body, 0); at >= 0; at = indexOf(body, start)) {
			parts.add(Arrays.copyOfRange(body, start, at));
			start = at + MARK.length;
		}
		parts.add((start == 0) ? body : Arrays.copyOfRange(body, start, body.length));
		return List.copyOf(parts);
	}

	private static int indexOf(byte[] body, int from) {
		outer: for (int i = from; i <= body.length - MARK.length; i++) {
			for (int j = 0; j < MARK.length; j++) {
				if (body[i + j] != MARK[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static String hash(List<byte[]> parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (int i = 0; i < parts.size(); i++) {
				if (i > 0) {
					digest.update(HASHED_MARK);
				}
				digest.update(parts.get(i));
			}
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest()).substring(0, 22);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private static byte[] gzip(byte[] body) {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 3 + 64);
		// The default level: on a charter page, 6 bytes more than the best level for two thirds of its time.
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 8192)) {
			gzip.write(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return compressed.toByteArray();
	}

	/**
	 * Each part compressed by a deflater of its own (so that no block refers to bytes of another part), flushed to a
	 * byte boundary, the last one finished; the gzip header before the first.
	 */
	private static List<byte[]> deflateApart(List<byte[]> parts) {
		List<byte[]> compressed = new ArrayList<>();
		for (int i = 0; i < parts.size(); i++) {
			boolean last = i == parts.size() - 1;
			ByteArrayOutputStream out = new ByteArrayOutputStream(parts.get(i).length / 3 + 64);
			if (i == 0) {
				out.writeBytes(GZIP_HEADER);
			}
			Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
			try {
				deflater.setInput(parts.get(i));
				if (last) {
					deflater.finish();
				}
				byte[] buffer = new byte[8192];
				while (true) {
					int written = deflater.deflate(buffer, 0, buffer.length, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
					out.write(buffer, 0, written);
					if (last ? deflater.finished() : written < buffer.length) {
						break;
					}
				}
			}
			finally {
				deflater.end();
			}
			compressed.add(out.toByteArray());
		}
		return List.copyOf(compressed);
	}

}
