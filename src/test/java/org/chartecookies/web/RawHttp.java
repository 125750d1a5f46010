package org.chartecookies.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.1 exchange over a plain socket: requests exactly as written, malformed ones included. The request body is
 * written from another thread, so that an answer sent before the body is read (a refusal) is still received.
 */
final class RawHttp {

	private RawHttp() {
	}

	record Answer(int status, String head, String body) {

		String header(String name) {
			for (String line : this.head.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
					return line.substring(colon + 1).trim();
				}
			}
			return null;
		}

		@Override
		public String toString() {
			return this.head + "\n\n" + this.body.substring(0, Math.min(300, this.body.length()));
		}

	}

	static Answer exchange(int port, String head) throws IOException, InterruptedException {
		return exchange(port, head.getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
	}

	static Answer exchange(int port, byte[] head, byte[] body) throws IOException, InterruptedException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(head);
			out.flush();
			Thread writer = new Thread(() -> {
				try {
					out.write(body);
					out.flush();
				}
				catch (IOException ex) {
					// The server answered and closed before reading it all: that is its right.
				}
			});
			writer.start();
			byte[] answer = readAll(socket.getInputStream());
			writer.join(20_000);
			int end = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
			String responseHead = new String(answer, 0, (end < 0) ? answer.length : end, StandardCharsets.ISO_8859_1);
			byte[] responseBody = (end < 0) ? new byte[0]
					: java.util.Arrays.copyOfRange(answer, end + 4, answer.length);
			if (responseHead.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
				responseBody = dechunk(responseBody);
			}
			String[] statusLine = responseHead.split(" ", 3);
			// An HTTP/0.9 answer is its body alone: no status line.
			int status = (statusLine.length > 1 && statusLine[0].startsWith("HTTP/"))
					? Integer.parseInt(statusLine[1].trim()) : -1;
			return new Answer(status, responseHead, new String(responseBody, StandardCharsets.UTF_8));
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[65536];
		try {
			int read;
			while ((read = in.read(buffer)) != -1) {
				all.write(buffer, 0, read);
			}
		}
		catch (IOException ex) {
			// A reset after a complete answer still leaves the answer.
			if (all.size() == 0) {
				throw ex;
			}
		}
		return all.toByteArray();
	}

	static byte[] dechunk(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int at = 0;
		byte[] lineEnd = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
		while (at < body.length) {
			int end = indexOf(body, lineEnd, at);
			if (end < 0) {
				break;
			}
			int size = Integer.parseInt(new String(body, at, end - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
			if (size == 0) {
				break;
			}
			out.write(body, end + 2, Math.min(size, body.length - end - 2));
			at = end + 2 + size + 2;
		}
		return out.toByteArray();
	}

	private static int indexOf(byte[] data, byte[] part, int from) {
		outer: for (int i = from; i <= data.length - part.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (data[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
