package org.chartecookies.registry;

/**
 * The registry file cannot be used. The message names the file, the entry and the problem, for the operator.
 */
public class InvalidRegistryException extends RuntimeException {

	private final String location;

	InvalidRegistryException(String location, String problem) {
		this(location, problem, null);
	}

	InvalidRegistryException(String location, String problem, Throwable cause) {
		super("Cookie registry " + location + ": " + problem, cause);
		this.location = location;
	}

	public String location() {
		return this.location;
	}

}
