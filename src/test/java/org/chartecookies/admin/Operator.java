package org.chartecookies.admin;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's HTTP client for the back office: keeps its cookies like a browser, follows no redirect, and speaks
 * from a client address of its own (sent as {@code X-Forwarded-For}, which the application honours from the local
 * proxy, as behind nginx).
 */
final class Operator {

	/** The accounts the back-office tests configure (hashes made with {@code htpasswd -bnBC 10 "" password}). */
	static final String ACCOUNTS = """
			charte.admin.accounts[0].name=operator
			charte.admin.accounts[0].password-hash=$2y$10$tzejd4nITR3QfU8YlJThPe8ZigZjmCzyPBquNDuihtcjnq7OjDht2
			charte.admin.accounts[1].name=auditor
			charte.admin.accounts[1].password-hash=$2y$10$BgqzVW3rQV7ouK75Y7L4euPFv99QGrNJ/ql9aq4dERU4JiUtS07W.
			""";

	static final String OPERATOR_PASSWORD = "correct horse battery staple";

	static final String AUDITOR_PASSWORD = "auditor password";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final CookieManager cookies;

	private final HttpClient http;

	private final String origin;

	private final String client;

	private final @Nullable String host;

	Operator(int port, String clientAddress) {
		this(port, clientAddress, null);
	}

	/** An operator reaching the back office under a site's host name (as the proxy forwards it). */
	Operator(int port, String clientAddress, @Nullable String host) {
		this(port, clientAddress, host, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
	}

	private Operator(int port, String clientAddress, @Nullable String host, CookieManager cookies) {
		this.origin = "http://localhost:" + port;
		this.client = clientAddress;
		this.host = host;
		this.cookies = cookies;
		this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	/** The same browser, its cookies with it, sent to another instance (as a load balancer may). */
	Operator at(int port) {
		return new Operator(port, this.client, this.host, this.cookies);
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.origin + path))
			.header("X-Forwarded-For", this.client);
		return (this.host != null) ? request.header("X-Forwarded-Host", this.host) : request;
	}

	HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = request(path);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A download, its bytes as they came. */
	HttpResponse<byte[]> download(String path) throws Exception {
		return this.http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	HttpResponse<String> post(String path, String form, String... headers) throws Exception {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/x-www-form-urlencoded");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.POST(HttpRequest.BodyPublishers.ofString(form)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** The value of a cookie this client holds, or null. */
	@Nullable String cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	/** Gives this client a cookie for the back office, as if it had been set. */
	void setCookie(String name, String value) {
		setCookie(name, value, "/admin");
	}

	/** Gives this client a cookie for a path, as if it had been set: a longer path's cookie is sent first. */
	void setCookie(String name, String value, String path) {
		HttpCookie cookie = new HttpCookie(name, value);
		cookie.setPath(path);
		cookie.setVersion(0);
		this.cookies.getCookieStore().add(URI.create(this.origin + "/admin"), cookie);
	}

	/** Posts a form whose length is not announced: it is sent in chunks, after the headers. */
	HttpResponse<String> postChunked(String path, String form) throws Exception {
		byte[] body = form.getBytes(StandardCharsets.UTF_8);
		return this.http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The CSRF token of the login page's form (its cookie holds the same token, unmasked). */
	String loginToken() throws Exception {
		return token(get("/admin/login?lang=en").body());
	}

	/** Posts the login form, with the form's own CSRF token. */
	HttpResponse<String> logIn(String name, String password) throws Exception {
		return post("/admin/login", "username=" + encode(name) + "&password=" + encode(password) + "&_csrf="
				+ encode(loginToken()));
	}

	static String token(String html) {
		Matcher token = CSRF.matcher(html);
		assertThat(token.find()).as("a CSRF token in the form").isTrue();
		return token.group(1);
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
