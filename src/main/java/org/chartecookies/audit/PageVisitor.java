package org.chartecookies.audit;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One visit of one page in one state: a fresh browser context (cookies and storage of its own), the consent cookie
 * set in it before the first request, the page loaded until its network is quiet, then what the browser holds.
 * A navigation of the page itself to another host is stopped (and reported), never followed.
 */
final class PageVisitor {

	/** Reads the storage keys of the page's origin; a page whose storage is denied has none. */
	private static final String STORAGE_KEYS = """
			(() => {
			  const keys = (name) => { try { return Object.keys(window[name]); } catch (e) { return []; } };
			  return JSON.stringify({ local: keys('localStorage'), session: keys('sessionStorage') });
			})()""";

	/** The time given to read what a visit left, after the page's own time. */
	static final Duration COLLECTION = Duration.ofSeconds(5);

	private final DevToolsConnection devTools;

	private final Duration quietPeriod;

	private final Duration settleLimit;

	PageVisitor(DevToolsConnection devTools, Duration quietPeriod, Duration settleLimit) {
		this.devTools = devTools;
		this.quietPeriod = quietPeriod;
		this.settleLimit = settleLimit;
	}

	/**
	 * Visits the page; never throws: what went wrong is the visit's problem.
	 * @param consentCookie the {@code Storage.setCookies} parameters of the consent cookie to set first, or null
	 */
	PageVisit visit(URI page, VisitState state, @Nullable Map<String, Object> consentCookie, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		String context;
		try {
			context = this.devTools
				.call(null, "Target.createBrowserContext", Map.of(), remaining(deadline))
				.path("browserContextId")
				.asString();
		}
		catch (AuditException ex) {
			return PageVisit.failed(page, state, Instant.now(), "the browser could not open a profile: " + ex.getMessage());
		}
		String session = null;
		try {
			if (consentCookie != null) {
				this.devTools.call(null, "Storage.setCookies",
						Map.of("browserContextId", context, "cookies", List.of(consentCookie)), remaining(deadline));
			}
			String target = this.devTools
				.call(null, "Target.createTarget", Map.of("url", "about:blank", "browserContextId", context),
						remaining(deadline))
				.path("targetId")
				.asString();
			session = this.devTools
				.call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true), remaining(deadline))
				.path("sessionId")
				.asString();
			// The page target's id is its main frame's id.
			PageWatch watch = new PageWatch(this.devTools, session, target, page.getHost());
			this.devTools.listen(session, watch::event);
			this.devTools.call(session, "Network.enable", Map.of(), remaining(deadline));
			this.devTools.call(session, "Page.enable", Map.of(), remaining(deadline));
			this.devTools.call(session, "Fetch.enable",
					Map.of("patterns",
							List.of(Map.of("urlPattern", "*", "resourceType", "Document", "requestStage", "Request"))),
					remaining(deadline));
			String problem = null;
			JsonNode navigation;
			try {
				navigation = this.devTools.call(session, "Page.navigate", Map.of("url", page.toString()),
						remaining(deadline));
				String error = navigation.path("errorText").asString("");
				if (!error.isEmpty()) {
					problem = watch.describe(error);
				}
				else if (!watch.settle(deadline, this.quietPeriod, this.settleLimit)) {
					problem = "did not finish loading within " + timeout.toSeconds() + " s";
				}
			}
			catch (AuditException ex) {
				problem = "no answer within " + timeout.toSeconds() + " s";
			}
			if (problem == null) {
				problem = watch.problem();
			}
			Instant at = Instant.now();
			// What the page left is read even when its time ran out (a page that never went quiet has cookies too).
			long collectBy = System.nanoTime() + COLLECTION.toNanos();
			List<SeenCookie> cookies = cookies(context, collectBy);
			List<List<String>> storage = (watch.loaded()) ? storageKeys(session, collectBy) : List.of(List.of(), List.of());
			return new PageVisit(page, state, at, cookies, storage.get(0), storage.get(1), watch.otherHosts(), problem,
					watch.unobserved());
		}
		catch (AuditException ex) {
			return PageVisit.failed(page, state, Instant.now(), ex.getMessage());
		}
		finally {
			if (session != null) {
				this.devTools.forget(session);
			}
			this.devTools.send(null, "Target.disposeBrowserContext", Map.of("browserContextId", context));
		}
	}

	private List<SeenCookie> cookies(String context, long deadline) throws AuditException {
		JsonNode result = this.devTools.call(null, "Storage.getCookies", Map.of("browserContextId", context),
				remaining(deadline));
		List<SeenCookie> cookies = new ArrayList<>();
		for (JsonNode cookie : result.path("cookies")) {
			boolean session = cookie.path("session").asBoolean(false) || cookie.path("expires").asDouble(-1) < 0;
			Instant expires = session ? null : Instant.ofEpochMilli((long) (cookie.path("expires").asDouble() * 1000));
			String sameSite = cookie.path("sameSite").asString(null);
			cookies.add(new SeenCookie(cookie.path("name").asString(), cookie.path("domain").asString(),
					cookie.path("path").asString("/"), expires, cookie.path("secure").asBoolean(false),
					cookie.path("httpOnly").asBoolean(false), sameSite));
		}
		return cookies;
	}

	private List<List<String>> storageKeys(String session, long deadline) {
		try {
			JsonNode result = this.devTools.call(session, "Runtime.evaluate",
					Map.of("expression", STORAGE_KEYS, "returnByValue", true), remaining(deadline));
			JsonNode keys = tools.jackson.databind.json.JsonMapper.builder()
				.build()
				.readTree(result.path("result").path("value").asString("{}"));
			return List.of(strings(keys.path("local")), strings(keys.path("session")));
		}
		catch (AuditException | RuntimeException ex) {
			return List.of(List.of(), List.of());
		}
	}

	private static List<String> strings(JsonNode array) {
		Set<String> values = new TreeSet<>();
		array.forEach((value) -> values.add(value.asString()));
		return List.copyOf(values);
	}

	private static Duration remaining(long deadline) throws AuditException {
		long left = deadline - System.nanoTime();
		if (left <= 0) {
			throw new AuditException("the time for the page ran out");
		}
		return Duration.ofNanos(left);
	}

	/**
	 * What the page's session reports: requests in flight (for quiet), the hosts requested, the load, and the page's
	 * own navigations, stopped when they lead to another host.
	 */
	static final class PageWatch {

		private final DevToolsConnection devTools;

		private final String session;

		private final String mainFrame;

		private final String host;

		private final Set<String> inFlight = new HashSet<>();

		private final Set<String> otherHosts = new TreeSet<>();

		/** The other host of each request in flight to one, to say which failed. */
		private final Map<String, String> otherHostOf = new java.util.HashMap<>();

		/** The other hosts a request failed to, each with the browser's error. */
		private final Map<String, String> unobserved = new java.util.TreeMap<>();

		private boolean loaded;

		private long lastActivity = System.nanoTime();

		private @Nullable String leftFor;

		private int status;

		PageWatch(DevToolsConnection devTools, String session, String mainFrame, String host) {
			this.devTools = devTools;
			this.session = session;
			this.mainFrame = mainFrame;
			this.host = host.toLowerCase(Locale.ROOT);
		}

		void event(JsonNode message) {
			String method = message.path("method").asString("");
			JsonNode params = message.path("params");
			synchronized (this) {
				switch (method) {
					case "Network.requestWillBeSent" -> {
						this.inFlight.add(params.path("requestId").asString());
						String other = Audit.hostOf(params.path("request").path("url").asString(""));
						if (other != null && !other.equals(this.host) && !mainDocument(params)) {
							this.otherHosts.add(other);
							this.otherHostOf.put(params.path("requestId").asString(), other);
						}
					}
					case "Network.loadingFinished" -> this.inFlight.remove(params.path("requestId").asString());
					case "Network.loadingFailed" -> failed(params);
					case "Network.responseReceived" -> {
						if (mainDocument(params)) {
							this.status = params.path("response").path("status").asInt(0);
						}
					}
					case "Page.loadEventFired" -> this.loaded = true;
					case "Fetch.requestPaused" -> paused(params);
					default -> {
						return;
					}
				}
				this.lastActivity = System.nanoTime();
				notifyAll();
			}
		}

		/** The page's own document: its leaving for another host (stopped, {@link #paused}) is no request to that host. */
		private boolean mainDocument(JsonNode params) {
			return "Document".equals(params.path("type").asString(""))
					&& this.mainFrame.equals(params.path("frameId").asString(""));
		}

		/**
		 * A request that got no answer: one to another host that the network refused (not one the page or the audit
		 * stopped, ERR_ABORTED, ERR_BLOCKED_BY_CLIENT) leaves that host's cookies unknown.
		 */
		private void failed(JsonNode params) {
			String id = params.path("requestId").asString();
			this.inFlight.remove(id);
			String other = this.otherHostOf.get(id);
			String error = params.path("errorText").asString("");
			if (other != null && !params.path("canceled").asBoolean(false) && !error.equals("net::ERR_ABORTED")
					&& !error.equals("net::ERR_BLOCKED_BY_CLIENT")) {
				this.unobserved.putIfAbsent(other, error);
			}
		}

		synchronized List<String> unobserved() {
			return this.unobserved.entrySet().stream().map((host) -> host.getKey() + " (" + host.getValue() + ")").toList();
		}

		/** The page's own documents go on only on its host; a sub-frame's go on anywhere (observed). */
		private void paused(JsonNode params) {
			String url = params.path("request").path("url").asString("");
			String id = params.path("requestId").asString();
			String target = Audit.hostOf(url);
			if (this.mainFrame.equals(params.path("frameId").asString("")) && !this.host.equals(target)) {
				this.leftFor = Audit.withoutUserInfo(url);
				this.devTools.send(this.session, "Fetch.failRequest", Map.of("requestId", id, "errorReason", "BlockedByClient"));
			}
			else {
				this.devTools.send(this.session, "Fetch.continueRequest", Map.of("requestId", id));
			}
		}

		/**
		 * Waits for the load, then for no request in flight during {@code quiet} (at most {@code limit} after the
		 * load); false when the page did not load before the deadline.
		 */
		synchronized boolean settle(long deadline, Duration quiet, Duration limit) {
			try {
				while (!this.loaded) {
					long left = deadline - System.nanoTime();
					if (left <= 0 || this.leftFor != null) {
						return this.leftFor != null;
					}
					java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
				}
				long end = Math.min(deadline, System.nanoTime() + limit.toNanos());
				while (true) {
					long now = System.nanoTime();
					long quietUntil = this.lastActivity + quiet.toNanos();
					if ((this.inFlight.isEmpty() && now >= quietUntil) || now >= end) {
						return true;
					}
					long wait = this.inFlight.isEmpty() ? Math.min(quietUntil, end) - now : end - now;
					java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, Math.max(wait, 1));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		synchronized boolean loaded() {
			return this.loaded;
		}

		synchronized List<String> otherHosts() {
			return List.copyOf(this.otherHosts);
		}

		/** A problem the load itself did not report: a navigation to another host, an HTTP error. */
		synchronized @Nullable String problem() {
			if (this.leftFor != null) {
				return "went on to another host, not followed: " + this.leftFor;
			}
			return (this.status >= 400) ? "answered HTTP " + this.status : null;
		}

		/** The browser's error for a navigation, in the operator's words. */
		synchronized String describe(String error) {
			if (this.leftFor != null) {
				return "redirected to another host, not followed: " + this.leftFor;
			}
			if (this.status >= 400) {
				return "answered HTTP " + this.status;
			}
			if (error.startsWith("net::ERR_CERT") || error.startsWith("net::ERR_SSL")) {
				return "TLS error (" + error + ")";
			}
			if (error.equals("net::ERR_NAME_NOT_RESOLVED")) {
				return "unknown host (" + error + ")";
			}
			return "could not be loaded (" + error + ")";
		}

	}

}
