package org.chartecookies.admin;

/** A back-office request the application cannot answer as asked: a {@code 400} page saying why (a message key). */
class AdminRequestException extends RuntimeException {

	private final String messageKey;

	AdminRequestException(String messageKey) {
		super(messageKey, null, false, false);
		this.messageKey = messageKey;
	}

	String messageKey() {
		return this.messageKey;
	}

}
