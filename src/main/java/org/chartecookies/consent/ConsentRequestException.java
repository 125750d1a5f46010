package org.chartecookies.consent;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A consent form that cannot be understood. The reason is a message key, shown localized on the error page.
 */
class ConsentRequestException extends ResponseStatusException {

	ConsentRequestException(String reasonKey) {
		this(HttpStatus.BAD_REQUEST, reasonKey);
	}

	ConsentRequestException(HttpStatus status, String reasonKey) {
		super(status, reasonKey);
	}

}
