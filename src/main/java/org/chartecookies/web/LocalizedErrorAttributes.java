package org.chartecookies.web;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;

/**
 * Adds to Spring Boot's error attributes, in the visitor's language, a title for the status and, for the application's
 * own refusals, the reason (for the error page and for JSON clients alike). Nothing of an exception's own text ever reaches the visitor.
 */
@Component
class LocalizedErrorAttributes extends DefaultErrorAttributes {

	private static final Set<Integer> TITLED = Set.of(400, 403, 404, 405, 408, 413, 500);

	private final MessageSource messages;

	LocalizedErrorAttributes(MessageSource messages) {
		this.messages = messages;
	}

	/** The message key of the title for a status: its own for the common ones, its family's for the others. */
	static String titleKey(int status) {
		return TITLED.contains(status) ? "error.status." + status : (status < 500) ? "error.status.4xx" : "error.status.5xx";
	}

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		int status = (attributes.get("status") instanceof Integer code) ? code : 500;
		Locale locale = LocaleContextHolder.getLocale();
		attributes.put("title", this.messages.getMessage(titleKey(status), null, locale));
		if (getError(request) instanceof ResponseStatusException refusal && refusal.getReason() != null) {
			String detail = this.messages.getMessage(refusal.getReason(), null, null, locale);
			if (detail != null) {
				attributes.put("detail", detail);
			}
		}
		return attributes;
	}

}
