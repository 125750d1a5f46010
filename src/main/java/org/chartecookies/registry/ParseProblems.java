package org.chartecookies.registry;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Why a file could not be read into a registry, in the operator's words: where (line, column, entry) and what (not
 * valid YAML, an unknown key, a value of the wrong kind), never a word of the file's text beyond key names, since
 * the file may be no registry at all (a password file).
 */
final class ParseProblems {

	/**
	 * A key's name as a problem may show it: a file that is no registry (a password file read as YAML) has "keys" that
	 * are whole lines of it.
	 */
	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate Object property \"[A-Za-z0-9_.-]{1,64}\"");

	/** SnakeYAML's sentences that name tokens only: "expected <block end>, but found '<block mapping start>'". */
	private static final Pattern YAML_TOKENS = Pattern
		.compile("[a-z ,'<>{}\\[\\]-]+, but (found|got) ('?)(<[a-z ]+>|[-?:,\\[\\]{}#])\\2");

	/** The leading words of SnakeYAML's other sentences, before the text it quotes. */
	private static final Pattern YAML_WORDS = Pattern.compile("[A-Za-z0-9-]+(?: [A-Za-z0-9-]+)*(?=[ ,:]|$)");

	private static final Pattern YAML_CONTEXT = Pattern.compile("while [a-z -]+");

	private ParseProblems() {
	}

	/**
	 * A key written left of the other keys of its list entry (SnakeYAML: "expected <block end>, but found '?'": the key
	 * stands where the entry's dash does), in the registry's terms: the key, where its entry starts, and the column
	 * the entry's keys are at. Null when the file does not look so (the generic message is given instead).
	 */
	private static @Nullable String misplacedKey(String[] lines, int line, int column) {
		// The mark stands on the key, a token of the file: its line is one of the file's.
		String at = lines[line];
		String key = at.substring(column, Math.max(at.indexOf(':', column), column)).strip();
		int entry = line;
		while (entry >= 0 && !lines[entry].startsWith("- ", column)) {
			entry--;
		}
		if (entry < 0 || !KEY.matcher(key).matches()) {
			return null;
		}
		return "line " + (line + 1) + ", column " + (column + 1) + ": the key '" + key + "' is indented less than"
				+ " the other keys of its entry, which starts line " + (entry + 1) + ", column " + (column + 1)
				+ ": write it at column " + (column + 3) + ", like them";
	}

	/** "line 7, column 13, at categories: expected a list (lines starting with -)" for what could not be read. */
	static String describe(JacksonException ex, String text) {
		if (ex.getCause() instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
			Mark mark = yaml.getProblemMark().get();
			String misplaced = yaml.getProblem().equals("expected <block end>, but found '?'")
					? misplacedKey(text.split("\r?\n", -1), mark.getLine(), mark.getColumn()) : null;
			if (misplaced != null) {
				return misplaced;
			}
			String context = yaml.getContext();
			return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": not valid YAML: "
					+ yamlProblem(yaml.getProblem())
					+ ((context != null && YAML_CONTEXT.matcher(context).matches()) ? " (" + context + ")" : "")
					+ (yaml.getProblem().startsWith("mapping values are not allowed")
							? "; a text holding ': ' must be quoted, such as name: \"Exemple : le portail\"" : "");
		}
		TokenStreamLocation at = ex.getLocation();
		int line = (at != null) ? at.getLineNr() : -1;
		int column = (at != null) ? at.getColumnNr() : -1;
		String problem;
		if (ex instanceof UnrecognizedPropertyException unknown) {
			// Records are built once their whole mapping is read, so the parser stands past the key: find where the
			// key itself is, by its place in the file (the same key may follow, rightly placed, further down).
			int[] key = EntryPositions.of(text).exactly(path(ex.getPath()));
			if (key != null) {
				line = key[0];
				column = key[1];
			}
			String name = unknown.getPropertyName();
			problem = "unknown key" + (KEY.matcher(name).matches() ? " '" + name + "'" : "") + " (expected one of "
					+ unknown.getKnownPropertyIds()
				.stream()
				.map(Object::toString)
				.sorted()
				.collect(Collectors.joining(", ")) + ")"
					+ ((name.equals("fr") || name.equals("en"))
							? "; a translation belongs under its text (title:, purpose:...), indented further than it"
							: "");
		}
		else if (ex instanceof ValueInstantiationException && ex.getCause() instanceof IllegalArgumentException bad) {
			problem = bad.getMessage();
		}
		else if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			problem = "expected " + expected(mismatch.getTargetType());
		}
		else if (ex.getOriginalMessage() != null && DUPLICATE_KEY.matcher(ex.getOriginalMessage()).matches()) {
			problem = ex.getOriginalMessage();
		}
		else if (ex instanceof InputCoercionException) {
			problem = "the number is too large";
		}
		else if ("special characters are not allowed".equals(ex.getOriginalMessage())) {
			problem = "the file holds control characters, which YAML does not allow";
		}
		else {
			// Jackson's other messages may quote the value they could not read.
			problem = "this cannot be read as a registry entry";
		}
		StringBuilder where = new StringBuilder();
		if (line > 0) {
			where.append("line ").append(line).append(", column ").append(column);
		}
		String path = path(ex.getPath());
		if (!path.isEmpty()) {
			where.append(where.isEmpty() ? "" : ", ").append("at ").append(path);
		}
		return (where.isEmpty() ? "" : where + ": ") + problem;
	}

	/** What a value of this type looks like in the file, in the operator's words (the records hold no primitive). */
	private static String expected(Class<?> type) {
		if (List.class.isAssignableFrom(type)) {
			return "a list (lines starting with -)";
		}
		if (type == Boolean.class) {
			return "true or false";
		}
		if (type == Integer.class) {
			return "a whole number";
		}
		if (type == URI.class) {
			return "an address such as https://www.example.org";
		}
		if (type == String.class) {
			return "a text";
		}
		return "a mapping of keys and values";
	}

	/** Where in the registry, such as {@code cookies[2].lifetime}; empty when a key on the way cannot be one. */
	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
			else if (reference.getPropertyName() != null) {
				if (!KEY.matcher(reference.getPropertyName()).matches()) {
					return "";
				}
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
		}
		return path.toString();
	}

	/**
	 * SnakeYAML's sentence without the file's text that some of its sentences end with (the character or the tag it
	 * stopped at): its own words only, or the tokens it names ({@code <block end>}, {@code -}).
	 */
	private static String yamlProblem(String problem) {
		if (YAML_TOKENS.matcher(problem).matches() || problem.startsWith("found character '\\t(TAB)'")
				|| problem.equals("could not find expected ':'")) {
			return problem;
		}
		if (problem.startsWith("found character")) {
			return "found a character that cannot start any token";
		}
		Matcher words = YAML_WORDS.matcher(problem);
		return words.lookingAt() ? words.group() : "the text cannot be read as YAML";
	}

}
