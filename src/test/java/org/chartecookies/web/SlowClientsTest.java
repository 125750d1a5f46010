package org.chartecookies.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.chartecookies.PageText;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Slow clients over real sockets: bodies and headers trickled one byte at a time by hundreds of connections never stop
 * the charter from answering (requests run on virtual threads; the platform pool is cut to 4 here so that these tests
 * fail if they ever ran on it); a form body too large is refused with 413 at once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.tomcat.threads.max=4")
class SlowClientsTest {

	private static final String FORM = "application/x-www-form-urlencoded";

	private static final Duration CHARTER_TIMEOUT = Duration.ofSeconds(2);

	@LocalServerPort
	private int port;

	@Autowired
	private RequestCountReport accounting;

	/**
	 * The charter served once before the trickles start: what they measure is slow clients, not the first rendering
	 * on a cold server (JIT and all), which 50 concurrent first requests can stretch past two seconds on a busy
	 * machine.
	 */
	@BeforeEach
	void charterServedOnce() throws IOException {
		assertThat(fetchStatus(this.port, "/cookies", Duration.ofSeconds(30))).isEqualTo(200);
	}

	@Test
	void charterAnswersWithinTwoSecondsWhile200ConnectionsTrickleConsentBodies() throws Exception {
		String head = "POST /cookies/consent HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM
				+ "\r\nContent-Length: 300\r\n\r\ndecision=";
		try (Trickle trickle = new Trickle(this.port, 200, head, "a")) {
			assertCharterKeepsAnswering(this.port, trickle, "bodies");
			assertThat(trickle.failures()).as("slow connections the server closed").isZero();
		}
	}

	@Test
	void charterAnswersWithinTwoSecondsWhileConnectionsTrickleBodiesOfGets() throws Exception {
		// The application ignores a GET's body, but it must be received (or the connection closed) all the same.
		String head = "GET /cookies HTTP/1.1\r\nHost: localhost\r\nContent-Length: 300\r\n\r\n";
		try (Trickle trickle = new Trickle(this.port, 50, head, "a")) {
			assertCharterKeepsAnswering(this.port, trickle, "bodies of GETs");
		}
	}

	@Test
	void charterAnswersWithinTwoSecondsWhile200ConnectionsTrickleHeaders() throws Exception {
		String head = "GET /cookies HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";
		try (Trickle trickle = new Trickle(this.port, 200, head, "a")) {
			assertCharterKeepsAnswering(this.port, trickle, "headers");
		}
	}

	@Test
	void declaredOversizedBodyIsRefusedWith413AndTheConnectionClosedWithoutWaitingForTheBody() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream()
				.write(("POST /cookies/consent HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
						+ "Accept-Language: en\r\nContent-Type: " + FORM + "\r\nContent-Length: 20000\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			// Less than the connection timeout (10 s): a server that waited for the body it will not use would
			// keep the connection until then.
			socket.setSoTimeout(5_000);
			RawHttp.Answer answer = answerUntilClosed(socket);

			assertCleanRefusal(answer, 413);
			assertThat(PageText.of(answer.body())).contains("Request too large", "Error 413");
		}
	}

	@Test
	void chunkedBodyGrowingPastTheLimitIsRefusedWith413() throws Exception {
		String body = "decision=accept-all&return=/" + "a".repeat(20_000);

		RawHttp.Answer answer = RawHttp.exchange(this.port, chunkedHead(), chunked(body));

		assertCleanRefusal(answer, 413);
		assertThat(answer.header("Set-Cookie")).isNull();
	}

	@Test
	void chunkedFormWithinTheLimitIsADecision() throws Exception {
		RawHttp.Answer answer = RawHttp.exchange(this.port, chunkedHead(),
				chunked("decision=reject-all&return=/cookies%3Flang%3Den"));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(303);
		assertThat(answer.header("Location")).isEqualTo("/cookies?lang=en&cookies=saved");
		assertThat(answer.header("Set-Cookie")).startsWith("cookies_preferences=");
	}

	@Test
	void crossSiteFormWhoseBodyComesLateIsStillRefused() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /cookies/consent HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
					+ "Sec-Fetch-Site: cross-site\r\nOrigin: https://evil.example\r\nContent-Type: " + FORM
					+ "\r\nContent-Length: 19\r\nConnection: close\r\n\r\ndecision=")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			Thread.sleep(300);
			out.write("accept-all".getBytes(StandardCharsets.ISO_8859_1));
			RawHttp.Answer answer = answerUntilClosed(socket);

			assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
			assertThat(answer.header("Set-Cookie")).isNull();
			assertThat(PageText.of(answer.body())).contains("Cette demande vient d'un autre site");
		}
	}

	@Test
	void bodyArrivingInPiecesIsAnsweredAndCountedAnsweredOnce() throws Exception {
		long answered = this.accounting.answered();
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /cookies/consent HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM
					+ "\r\nContent-Length: 19\r\nConnection: close\r\n\r\ndecision=")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			Thread.sleep(300);
			out.write("reject-all".getBytes(StandardCharsets.ISO_8859_1));

			assertThat(answerUntilClosed(socket).status()).isEqualTo(303);
		}
		// Counted when the request completes, which may come a moment after the client has its answer.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.accounting.answered() - answered).isEqualTo(1));
	}

	@Test
	void getWithABodyIsAnsweredAndTheConnectionReused() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			for (int i = 0; i < 2; i++) {
				out.write("GET /cookies HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello"
					.getBytes(StandardCharsets.ISO_8859_1));
				String head = readHead(in);
				assertThat(head).startsWith("HTTP/1.1 200");
				skipBody(head, in);
			}
		}
	}

	/**
	 * Requests whose body is still arriving hold memory: past a bounded number of them (here 20), one more is refused
	 * at once, and the places come back when the slow clients go.
	 */
	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "charte.request-body.most-pending=20")
	class BeyondTheBodiesItHolds {

		@LocalServerPort
		private int port;

		@Test
		void oneMoreSlowBodyIsRefusedAtOnceAndTheCharterStillAnswers() throws Exception {
			String head = "POST /cookies/consent HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM
					+ "\r\nContent-Length: 300\r\n\r\ndecision=";
			try (Trickle trickle = new Trickle(this.port, 20, head, "a")) {
				trickle.awaitRound();
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					RawHttp.Answer refused = RawHttp.exchange(this.port, decision("accept-all"));
					assertCleanRefusal(refused, 503);
					assertThat(refused.header("Set-Cookie")).isNull();
				});
				assertThat(fetchStatus(this.port, "/cookies", CHARTER_TIMEOUT)).isEqualTo(200);
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(RawHttp.exchange(this.port, decision("reject-all")).status())
					.isEqualTo(303));
		}

		private static String decision(String decision) {
			String form = "decision=" + decision;
			return "POST /cookies/consent HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nContent-Type: " + FORM
					+ "\r\nContent-Length: " + form.length() + "\r\nConnection: close\r\n\r\n" + form;
		}

	}

	/**
	 * Fetches the charter ten times, each after one more round of trickled bytes, and fails unless each answers 200
	 * within two seconds.
	 */
	private static void assertCharterKeepsAnswering(int port, Trickle trickle, String what) throws Exception {
		trickle.awaitRound();
		for (int i = 1; i <= 10; i++) {
			trickle.awaitRound();
			try {
				assertThat(fetchStatus(port, "/cookies", CHARTER_TIMEOUT)).isEqualTo(200);
			}
			catch (SocketTimeoutException ex) {
				fail("GET /cookies #" + i + " got no answer within " + CHARTER_TIMEOUT.toSeconds() + " s while "
						+ trickle.sockets.size() + " connections trickle " + what);
			}
		}
	}

	/** The status of a GET, read in full within the timeout (a client timeout: SocketTimeoutException past it). */
	private static int fetchStatus(int port, String path, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			while (true) {
				long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (remaining <= 0) {
					throw new SocketTimeoutException("no complete answer within " + timeout);
				}
				socket.setSoTimeout((int) remaining);
				int read = in.read(buffer);
				if (read < 0) {
					break;
				}
				answer.write(buffer, 0, read);
			}
			String statusLine = answer.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
			return Integer.parseInt(statusLine.split(" ")[1]);
		}
	}

	private static byte[] chunkedHead() {
		return ("POST /cookies/consent HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nContent-Type: " + FORM
				+ "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** The text in chunks of 1,000 bytes at most, chunked encoding. */
	private static byte[] chunked(String text) {
		StringBuilder body = new StringBuilder();
		for (int at = 0; at < text.length(); at += 1000) {
			String chunk = text.substring(at, Math.min(text.length(), at + 1000));
			body.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
		}
		return body.append("0\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	/** The answer on a connection, read until the server closes it (or resets it while the client still sends). */
	private static RawHttp.Answer answerUntilClosed(Socket socket) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			InputStream in = socket.getInputStream();
			int read;
			while ((read = in.read(buffer)) != -1) {
				all.write(buffer, 0, read);
			}
		}
		catch (SocketException ex) {
			// Reset: closed as well, the client having sent more after the server closed.
		}
		String text = all.toString(StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		assertThat(end).as("a complete answer head: " + text).isPositive();
		String head = text.substring(0, end);
		byte[] body = text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
		if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
			body = RawHttp.dechunk(body);
		}
		return new RawHttp.Answer(Integer.parseInt(head.split(" ")[1]), head, new String(body, StandardCharsets.UTF_8));
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("connection closed before the end of the answer's head: " + head);
			}
			head.write(next);
			matched = (next == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	/** Reads past an answer's body, sent with a length or chunked. */
	private static void skipBody(String head, InputStream in) throws IOException {
		String length = header(head, "Content-Length");
		if (length != null) {
			in.readNBytes(Integer.parseInt(length));
			return;
		}
		while (true) {
			int size = Integer.parseInt(readLine(in), 16);
			in.readNBytes(size);
			readLine(in);
			if (size == 0) {
				return;
			}
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int next;
		while ((next = in.read()) != '\n') {
			if (next < 0) {
				throw new IOException("connection closed in the middle of a line: " + line);
			}
			if (next != '\r') {
				line.append((char) next);
			}
		}
		return line.toString();
	}

	private static String header(String head, String name) {
		return new RawHttp.Answer(0, head, "").header(name);
	}

	private static void assertCleanRefusal(RawHttp.Answer answer, int status) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
		assertThat(answer.header("Connection")).isEqualTo("close");
		assertThat(answer.body()).doesNotContain("Exception", "\tat ", "Tomcat", "Whitelabel", "stack");
	}

	/**
	 * Connections that each sent a head and then send one more byte per round, every 250 ms, until closed; rounds
	 * are counted so that a test can wait for the next one.
	 */
	private static final class Trickle implements AutoCloseable {

		private final List<Socket> sockets = new ArrayList<>();

		private final Semaphore rounds = new Semaphore(0);

		private final AtomicInteger failures = new AtomicInteger();

		private final Thread thread;

		private volatile boolean running = true;

		Trickle(int port, int connections, String head, String next) throws IOException {
			byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
			byte[] nextBytes = next.getBytes(StandardCharsets.ISO_8859_1);
			try {
				for (int i = 0; i < connections; i++) {
					Socket socket = new Socket();
					this.sockets.add(socket);
					socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
					socket.getOutputStream().write(headBytes);
				}
			}
			catch (IOException ex) {
				close();
				throw ex;
			}
			this.thread = new Thread(() -> {
				while (this.running) {
					for (Socket socket : this.sockets) {
						try {
							socket.getOutputStream().write(nextBytes);
						}
						catch (IOException ex) {
							this.failures.incrementAndGet();
						}
					}
					this.rounds.release();
					try {
						Thread.sleep(250);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "trickle");
			this.thread.start();
		}

		void awaitRound() throws InterruptedException {
			assertThat(this.rounds.tryAcquire(10, TimeUnit.SECONDS)).as("a round of trickled bytes").isTrue();
		}

		int failures() {
			return this.failures.get();
		}

		@Override
		public void close() {
			this.running = false;
			if (this.thread != null) {
				this.thread.interrupt();
				try {
					this.thread.join(5000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			for (Socket socket : this.sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Closing anyway.
				}
			}
		}

	}

}
