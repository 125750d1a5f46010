package org.chartecookies.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A request whose body {@link RequestBodyBuffering} received in full beforehand: {@link #getInputStream()} and
 * {@link #getReader()} replay it, and the {@code getParameter*} methods add the fields of a form body to the query
 * string's, as the container would have (the container's own request no longer sees the body once its stream was
 * read). Form fields are decoded as Tomcat decodes them, and a form it would refuse is refused the same way (400): bad
 * escapes, bytes that are not in the request's encoding, a field without a name, more than 1000 fields.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

	/** Tomcat parses form bodies of POST; Spring's FormContentFilter those of PUT, PATCH and DELETE. */
	private static final Set<String> FORM_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

	/** Tomcat's default limit ({@code server.tomcat.max-parameter-count}). */
	static final int MAX_FORM_FIELDS = 1000;

	private byte[] body = new byte[0];

	private Map<String, List<String>> form = Map.of();

	private @Nullable Map<String, String[]> parameters;

	private @Nullable ServletInputStream stream;

	private @Nullable BufferedReader reader;

	private int refusal;

	BufferedBodyRequest(HttpServletRequest request) {
		super(request);
	}

	/**
	 * Takes the complete body and reads the form in it, if any.
	 * @return whether the body is acceptable: false for a form the container would have refused
	 */
	boolean receive(byte[] body) {
		this.body = body;
		if (!isForm()) {
			return true;
		}
		try {
			this.form = parseForm(body, charset(getCharacterEncoding()));
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** Marks the request to be answered with this status instead of being handled. */
	void refuse(int status) {
		this.refusal = status;
	}

	/** The status to answer instead of handling the request, or 0 to handle it. */
	int refusal() {
		return this.refusal;
	}

	private boolean isForm() {
		String contentType = getContentType();
		if (contentType == null || !FORM_METHODS.contains(getMethod())) {
			return false;
		}
		int semicolon = contentType.indexOf(';');
		String mediaType = ((semicolon < 0) ? contentType : contentType.substring(0, semicolon)).trim();
		return mediaType.equalsIgnoreCase("application/x-www-form-urlencoded");
	}

	@Override
	public ServletInputStream getInputStream() {
		ServletInputStream replay = this.stream;
		if (replay == null) {
			replay = new Replay(this.body);
			this.stream = replay;
		}
		return replay;
	}

	@Override
	public BufferedReader getReader() {
		BufferedReader text = this.reader;
		if (text == null) {
			Charset charset;
			try {
				charset = charset(getCharacterEncoding());
			}
			catch (IllegalArgumentException ex) {
				charset = StandardCharsets.ISO_8859_1;
			}
			text = new BufferedReader(new InputStreamReader(getInputStream(), charset));
			this.reader = text;
		}
		return text;
	}

	@Override
	public int getContentLength() {
		return this.body.length;
	}

	@Override
	public long getContentLengthLong() {
		return this.body.length;
	}

	@Override
	public @Nullable String getParameter(String name) {
		String[] values = parameters().get(name);
		return (values != null && values.length > 0) ? values[0] : null;
	}

	@Override
	public String @Nullable [] getParameterValues(String name) {
		String[] values = parameters().get(name);
		return (values != null) ? values.clone() : null;
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.enumeration(parameters().keySet());
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return parameters();
	}

	/**
	 * The container's parameters (the query string's), then the form's, as the container orders them. Fields the
	 * container already shows at the end of a parameter are not repeated: a mock request parses the body itself.
	 */
	private Map<String, String[]> parameters() {
		Map<String, String[]> all = this.parameters;
		if (all == null) {
			Map<String, String[]> merged = new LinkedHashMap<>(super.getParameterMap());
			this.form.forEach((name, values) -> {
				String[] fields = values.toArray(String[]::new);
				String[] known = merged.get(name);
				if (known == null) {
					merged.put(name, fields);
				}
				else if (!endsWith(known, fields)) {
					String[] both = Arrays.copyOf(known, known.length + fields.length);
					System.arraycopy(fields, 0, both, known.length, fields.length);
					merged.put(name, both);
				}
			});
			all = Collections.unmodifiableMap(merged);
			this.parameters = all;
		}
		return all;
	}

	private static boolean endsWith(String[] values, String[] end) {
		return values.length >= end.length
				&& Arrays.equals(values, values.length - end.length, values.length, end, 0, end.length);
	}

	/** The request's encoding; ISO-8859-1 when it names none (the Servlet default); an unknown one is refused. */
	private static Charset charset(@Nullable String encoding) {
		if (encoding == null) {
			return StandardCharsets.ISO_8859_1;
		}
		try {
			return Charset.forName(encoding);
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
			throw new IllegalArgumentException("unknown encoding " + encoding, ex);
		}
	}

	/** The fields of an {@code application/x-www-form-urlencoded} body; IllegalArgumentException when malformed. */
	static Map<String, List<String>> parseForm(byte[] body, Charset charset) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		int count = 0;
		int start = 0;
		while (start < body.length) {
			int end = indexOf(body, (byte) '&', start, body.length);
			if (end < 0) {
				end = body.length;
			}
			if (end > start) {
				int equals = indexOf(body, (byte) '=', start, end);
				int nameEnd = (equals < 0) ? end : equals;
				if (nameEnd == start) {
					throw new IllegalArgumentException("a field without a name");
				}
				if (++count > MAX_FORM_FIELDS) {
					throw new IllegalArgumentException("more than " + MAX_FORM_FIELDS + " fields");
				}
				String name = decode(body, start, nameEnd, charset);
				String value = (equals < 0) ? "" : decode(body, equals + 1, end, charset);
				fields.computeIfAbsent(name, (key) -> new ArrayList<>(1)).add(value);
			}
			start = end + 1;
		}
		return fields;
	}

	private static int indexOf(byte[] data, byte wanted, int from, int to) {
		for (int i = from; i < to; i++) {
			if (data[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

	private static String decode(byte[] data, int from, int to, Charset charset) {
		byte[] bytes = new byte[to - from];
		int length = 0;
		for (int i = from; i < to; i++) {
			byte b = data[i];
			if (b == '+') {
				bytes[length++] = ' ';
			}
			else if (b == '%') {
				if (i + 2 >= to) {
					throw new IllegalArgumentException("a truncated %-escape");
				}
				int high = Character.digit(data[i + 1], 16);
				int low = Character.digit(data[i + 2], 16);
				if (high < 0 || low < 0) {
					throw new IllegalArgumentException("an invalid %-escape");
				}
				bytes[length++] = (byte) ((high << 4) + low);
				i += 2;
			}
			else {
				bytes[length++] = b;
			}
		}
		try {
			return charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, 0, length))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new IllegalArgumentException("bytes that are not " + charset.name().toLowerCase(Locale.ROOT), ex);
		}
	}

	/** The received body, read again. */
	private static final class Replay extends ServletInputStream {

		private final ByteArrayInputStream bytes;

		Replay(byte[] body) {
			this.bytes = new ByteArrayInputStream(body);
		}

		@Override
		public int read() {
			return this.bytes.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return this.bytes.read(buffer, offset, length);
		}

		@Override
		public int available() {
			return this.bytes.available();
		}

		@Override
		public boolean isFinished() {
			return this.bytes.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			try {
				if (!isFinished()) {
					listener.onDataAvailable();
				}
				listener.onAllDataRead();
			}
			catch (IOException ex) {
				listener.onError(ex);
			}
		}

	}

}
