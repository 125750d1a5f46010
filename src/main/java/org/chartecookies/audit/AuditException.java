package org.chartecookies.audit;

/**
 * Why an audit, or one visit of it, could not be done, in words for the operator (never a stack trace).
 */
public class AuditException extends Exception {

	AuditException(String message) {
		super(message);
	}

}
