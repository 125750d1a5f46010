package org.chartecookies.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.HtmlUtils;

/**
 * One rendering of a page, as UTF-8 bytes, with a strong validator per form for {@code 304}s.
 *
 * <p>A page without holes is compressed once, when rendered. A page with holes (marks standing for a text of the
 * request, see {@link RenderedPages#HOLES}) is kept in parts, cut where the marks stand: each answer puts the
 * request's texts between them, HTML-escaped (they go into attribute values and text), and compresses the result
 * when the client asks for gzip; its validators then depend on those texts too, so that a {@code 304} never confirms
 * the page of another address.
 *
 * @param parts the page's bytes, cut at each hole (one part when it has none)
 * @param holes the marks found between the parts, in order
 * @param gzip the gzip form of a page without holes
 * @param hash what the validators are made of: the parts
 */
record RenderedPage(Locale language, List<byte[]> parts, List<String> holes, byte @Nullable [] gzip, String hash) {

	/** A rendering, cut at the marks given; compressed at once when it has no hole and {@code compress} asks it. */
	static RenderedPage of(Locale language, String text, Iterable<String> marks, boolean compress) {
		List<byte[]> parts = new ArrayList<>();
		List<String> holes = new ArrayList<>();
		int start = 0;
		while (true) {
			int at = -1;
			String mark = null;
			for (String candidate : marks) {
				int found = text.indexOf(candidate, start);
				if (found >= 0 && (at < 0 || found < at)) {
					at = found;
					mark = candidate;
				}
			}
			if (mark == null) {
				break;
			}
			parts.add(text.substring(start, at).getBytes(StandardCharsets.UTF_8));
			holes.add(mark);
			start = at + mark.length();
		}
		parts.add(text.substring(start).getBytes(StandardCharsets.UTF_8));
		byte[] whole = holes.isEmpty() ? parts.getFirst() : null;
		// The parts, not the text: the marks are random for each process, the validators the same in every one.
		ByteArrayOutputStream rendered = new ByteArrayOutputStream(text.length() + 64);
		parts.forEach((part) -> {
			rendered.writeBytes(part);
			rendered.write(0);
		});
		return new RenderedPage(language, List.copyOf(parts), List.copyOf(holes),
				(whole != null && compress) ? gzip(whole) : null, hash(rendered.toByteArray()));
	}

	String etag(Map<String, String> texts, boolean gzip) {
		String filled = this.holes.isEmpty() ? "" : "." + hash(texts(texts)).substring(0, 11);
		return "\"" + this.hash + filled + (gzip ? "-gzip" : "") + "\"";
	}

	/** The page with these texts in its holes, plain or compressed. */
	byte[] body(Map<String, String> texts, boolean gzip) {
		if (this.holes.isEmpty()) {
			byte[] kept = gzip ? this.gzip : null;
			return (kept != null) ? kept : gzip ? gzip(this.parts.getFirst()) : this.parts.getFirst();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
		for (int i = 0; i < this.parts.size(); i++) {
			if (i > 0) {
				String text = texts.getOrDefault(this.holes.get(i - 1), "");
				out.writeBytes(HtmlUtils.htmlEscape(text, "UTF-8").getBytes(StandardCharsets.UTF_8));
			}
			out.writeBytes(this.parts.get(i));
		}
		return gzip ? gzip(out.toByteArray()) : out.toByteArray();
	}

	/** The texts of the holes, in order, each ended by a byte no text holds. */
	private byte[] texts(Map<String, String> texts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		for (String hole : this.holes) {
			out.writeBytes(texts.getOrDefault(hole, "").getBytes(StandardCharsets.UTF_8));
			out.write(0);
		}
		return out.toByteArray();
	}

	private static String hash(byte[] bytes) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private static byte[] gzip(byte[] body) {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 3 + 64);
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 8192)) {
			gzip.write(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return compressed.toByteArray();
	}

}
