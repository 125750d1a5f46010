import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Slow clients against a running application, and how the charter fares meanwhile: opens CONNECTIONS sockets that
 * trickle a consent post's body (or a request's headers) one byte per PAUSE_MS each, never finishing, while another
 * connection fetches GET /cookies over and over with a 5 s timeout; then prints the charter's latencies and timeouts
 * and how many slow connections the server closed. Stops by itself after SECONDS and closes every socket.
 *
 * <pre>
 * java scripts/SlowClients.java PORT [body|headers] [CONNECTIONS=200] [SECONDS=20] [PAUSE_MS=1000]
 * </pre>
 */
public class SlowClients {

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		boolean body = args.length < 2 || args[1].equals("body");
		int connections = (args.length > 2) ? Integer.parseInt(args[2]) : 200;
		int seconds = (args.length > 3) ? Integer.parseInt(args[3]) : 20;
		int pause = (args.length > 4) ? Integer.parseInt(args[4]) : 1000;
		long end = System.nanoTime() + seconds * 1_000_000_000L;

		List<Socket> slow = new ArrayList<>();
		String head = body
				? "POST /cookies/consent HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
						+ "Content-Length: 300\r\n\r\n"
				: "GET /cookies HTTP/1.1\r\nHost: localhost\r\n";
		for (int i = 0; i < connections; i++) {
			Socket socket = new Socket();
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
			slow.add(socket);
		}
		int[] closedByServer = { 0 };
		Thread trickle = new Thread(() -> {
			byte[] next = (body ? "d" : "X").getBytes(StandardCharsets.ISO_8859_1);
			while (System.nanoTime() < end) {
				for (Socket socket : slow) {
					if (!socket.isClosed()) {
						try {
							socket.getOutputStream().write(next);
						}
						catch (IOException ex) {
							closedByServer[0]++;
							close(socket);
						}
					}
				}
				try {
					Thread.sleep(pause);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		trickle.start();
		Thread.sleep(500);

		List<Double> latencies = new ArrayList<>();
		int timeouts = 0;
		int failures = 0;
		while (System.nanoTime() < end) {
			long start = System.nanoTime();
			try (Socket probe = new Socket()) {
				probe.connect(new InetSocketAddress("127.0.0.1", port), 5000);
				probe.setSoTimeout(5000);
				OutputStream out = probe.getOutputStream();
				out.write("GET /cookies HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.ISO_8859_1));
				InputStream in = probe.getInputStream();
				byte[] status = in.readNBytes(12);
				in.transferTo(OutputStream.nullOutputStream());
				if (new String(status, StandardCharsets.ISO_8859_1).endsWith("200")) {
					latencies.add((System.nanoTime() - start) / 1e6);
				}
				else {
					failures++;
				}
			}
			catch (SocketTimeoutException ex) {
				timeouts++;
			}
			catch (IOException ex) {
				failures++;
			}
			Thread.sleep(100);
		}
		trickle.join();
		slow.forEach(SlowClients::close);

		Collections.sort(latencies);
		System.out.printf("%d slow connections (%s, one byte per %d ms) for %d s; %d closed by the server%n",
				connections, body ? "body" : "headers", pause, seconds, closedByServer[0]);
		System.out.printf("GET /cookies: %d answered 200, %d timed out (5 s), %d failed", latencies.size(), timeouts,
				failures);
		if (!latencies.isEmpty()) {
			System.out.printf("; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms", percentile(latencies, 0.5),
					percentile(latencies, 0.99), latencies.get(latencies.size() - 1));
		}
		System.out.println();
	}

	private static double percentile(List<Double> sorted, double share) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(share * sorted.size()) - 1));
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
	}

}
