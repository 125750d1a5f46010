package org.chartecookies.site;

/**
 * No site of this deployment answers for the host a request was made to, and no default site is configured.
 */
public class UnknownSiteException extends RuntimeException {

	UnknownSiteException(String host) {
		super("No site answers for the host '" + host + "'");
	}

}
