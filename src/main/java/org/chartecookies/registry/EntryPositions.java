package org.chartecookies.registry;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;

/**
 * Where each key and list item of the file starts ({@code cookies[2].purpose.en}), for problems found once the
 * file is read: their line is that of the entry, or of the nearest entry around it that the file has (the
 * {@code purpose:} line when its {@code en:} is missing).
 */
final class EntryPositions {

	/** Where each key, or list item, starts. */
	private final Map<String, int[]> starts;

	/** Where each plain value (a text, a number) starts: what a problem with the value points at. */
	private final Map<String, int[]> values;

	private EntryPositions(Map<String, int[]> starts, Map<String, int[]> values) {
		this.starts = starts;
		this.values = values;
	}

	static EntryPositions of(String text) {
		Map<String, int[]> starts = new LinkedHashMap<>();
		Map<String, int[]> values = new LinkedHashMap<>();
		try (JsonParser parser = RegistryLoader.MAPPER.createParser(text)) {
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				TokenStreamLocation at = parser.currentTokenLocation();
				if (at != null && at.getLineNr() > 0) {
					int[] position = { at.getLineNr(), Math.max(at.getColumnNr(), 1) };
					String path = pathOf(parser.streamReadContext());
					starts.putIfAbsent(path, position);
					if (token.isScalarValue()) {
						values.putIfAbsent(path, position);
					}
				}
			}
		}
		catch (JacksonException ex) {
			// What was read so far is still worth knowing (a duplicate key stops the parser).
		}
		return new EntryPositions(starts, values);
	}

	/** "categories[1].title.en" of where a parser stands. */
	private static String pathOf(TokenStreamContext context) {
		Deque<String> parts = new ArrayDeque<>();
		for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
			if (at.inArray() && at.getCurrentIndex() >= 0) {
				parts.push("[" + at.getCurrentIndex() + "]");
			}
			else if (at.inObject() && at.currentName() != null) {
				parts.push("." + at.currentName());
			}
		}
		String path = String.join("", parts);
		return path.startsWith(".") ? path.substring(1) : path;
	}

	int @Nullable [] exactly(String path) {
		return this.starts.get(path);
	}

	/** The entry's own position, else that of the closest enclosing entry; line 0 when nothing is known. */
	int[] near(String path) {
		for (String at = path; !at.isEmpty(); at = parent(at)) {
			int[] found = this.starts.get(at);
			if (found != null) {
				return found;
			}
		}
		return new int[] { 0, 0 };
	}

	/** "line 25, column 5, " (the value's, or the entry's) or nothing. */
	String describe(String path) {
		int[] at = this.values.containsKey(path) ? this.values.get(path) : near(path);
		return (at[0] > 0) ? "line " + at[0] + ", column " + at[1] + ", " : "";
	}

	private static String parent(String path) {
		int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
		return (cut < 0) ? "" : path.substring(0, cut);
	}

}
