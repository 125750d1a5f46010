package org.chartecookies.audit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WebSocket to a browser's DevTools endpoint, speaking the Chrome DevTools Protocol with the JDK's HTTP client and
 * Jackson: commands answered by id, events handed to the listener of the session they come from (targets attached
 * with {@code flatten}, so that one socket serves every page of the scan).
 */
final class DevToolsConnection implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AtomicInteger ids = new AtomicInteger();

	private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

	private final Map<String, Consumer<JsonNode>> listeners = new ConcurrentHashMap<>();

	private final WebSocket socket;

	private volatile @Nullable String closedBecause;

	private DevToolsConnection(URI endpoint, Duration timeout) throws AuditException {
		try {
			this.socket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.connectTimeout(timeout)
				.buildAsync(endpoint, new Listener())
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AuditException("the browser's DevTools endpoint did not answer: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AuditException("interrupted while connecting to the browser");
		}
	}

	static DevToolsConnection open(URI endpoint, Duration timeout) throws AuditException {
		return new DevToolsConnection(endpoint, timeout);
	}

	/** Sends a command (to the browser when {@code sessionId} is null) and waits for its result, at most {@code timeout}. */
	JsonNode call(@Nullable String sessionId, String method, Map<String, ?> params, Duration timeout)
			throws AuditException {
		CompletableFuture<JsonNode> answer = send(sessionId, method, params);
		try {
			return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new AuditException(method + " got no answer within " + timeout.toSeconds() + " s");
		}
		catch (ExecutionException ex) {
			throw new AuditException(method + ": " + ex.getCause().getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AuditException("interrupted while waiting for " + method);
		}
	}

	/** Sends a command; its result, or a failure with the browser's message. */
	CompletableFuture<JsonNode> send(@Nullable String sessionId, String method, Map<String, ?> params) {
		int id = this.ids.incrementAndGet();
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		String reason = this.closedBecause;
		if (reason != null) {
			answer.completeExceptionally(new IllegalStateException(reason));
			return answer;
		}
		this.pending.put(id, answer);
		ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
		message.set("params", JSON.valueToTree(params));
		if (sessionId != null) {
			message.put("sessionId", sessionId);
		}
		try {
			synchronized (this.socket) {
				// One text message at a time: the WebSocket refuses a send while another is under way.
				this.socket.sendText(JSON.writeValueAsString(message), true).join();
			}
		}
		catch (RuntimeException ex) {
			// The browser is gone: the command fails like any other, and its page is reported, not the audit ended.
			this.pending.remove(id);
			answer.completeExceptionally(new IllegalStateException("the browser's DevTools connection failed"));
		}
		return answer;
	}

	/** Events of that session ({@code null}: the browser's own) go to {@code listener} until {@link #forget}. */
	void listen(@Nullable String sessionId, Consumer<JsonNode> listener) {
		this.listeners.put(key(sessionId), listener);
	}

	void forget(@Nullable String sessionId) {
		this.listeners.remove(key(sessionId));
	}

	private static String key(@Nullable String sessionId) {
		return (sessionId != null) ? sessionId : "";
	}

	private void receive(String text) {
		JsonNode message = JSON.readTree(text);
		JsonNode id = message.get("id");
		if (id != null) {
			CompletableFuture<JsonNode> answer = this.pending.remove(id.asInt());
			if (answer != null) {
				JsonNode error = message.get("error");
				if (error != null) {
					answer.completeExceptionally(new IllegalStateException(error.path("message").asString()));
				}
				else {
					answer.complete(message.path("result"));
				}
			}
			return;
		}
		Consumer<JsonNode> listener = this.listeners.get(message.path("sessionId").asString(""));
		if (listener != null) {
			listener.accept(message);
		}
	}

	private void closed(String reason) {
		this.closedBecause = reason;
		this.pending.values().forEach((answer) -> answer.completeExceptionally(new IllegalStateException(reason)));
		this.pending.clear();
	}

	@Override
	public void close() {
		closed("the connection to the browser is closed");
		this.socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder parts = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.parts.append(data);
			if (last) {
				String text = this.parts.toString();
				this.parts.setLength(0);
				try {
					receive(text);
				}
				catch (RuntimeException ex) {
					// A listener's failure must not stop the socket: the scan's own time limits report the page.
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed("the browser closed its DevTools connection");
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			closed("the browser's DevTools connection failed: " + error.getMessage());
		}

	}

}
