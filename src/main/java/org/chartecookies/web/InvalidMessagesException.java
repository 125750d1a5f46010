package org.chartecookies.web;

/**
 * The operator's texts cannot be used. The message names the file, the line and key, and the problem.
 */
public class InvalidMessagesException extends RuntimeException {

	private final String location;

	InvalidMessagesException(String location, String problem) {
		super("Charter texts " + location + ": " + problem);
		this.location = location;
	}

	public String location() {
		return this.location;
	}

}
