package org.chartecookies.admin;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every back-office page shows besides its own content (the page's path for the language switch, the operator
 * logged in), and its refusals as back-office pages: a request it cannot answer ({@code 400}), a database that does
 * not answer ({@code 503}).
 */
@ControllerAdvice(basePackageClasses = AdminPages.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AdminPages {

	private static final String REFUSED = "admin/refused";

	private final RegistryTitles titles;

	private final SessionUpkeep database;

	AdminPages(RegistryTitles titles, SessionUpkeep database) {
		this.titles = titles;
		this.database = database;
	}

	@ModelAttribute
	void page(HttpServletRequest request, @Nullable Principal operator, Model model) {
		csrfCookie(request);
		model.addAttribute("adminPath", request.getRequestURI().substring(request.getContextPath().length()));
		model.addAttribute("operator", (operator != null) ? operator.getName() : null);
		// Sites' names and categories' titles for the ids records keep.
		model.addAttribute("titles", this.titles);
	}

	@ExceptionHandler(AdminRequestException.class)
	ModelAndView refused(AdminRequestException ex, HttpServletRequest request, @Nullable Principal operator,
			HttpServletResponse response) {
		return refusal(request, operator, response, HttpServletResponse.SC_BAD_REQUEST, ex.messageKey());
	}

	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ModelAndView databaseDown(RuntimeException ex, HttpServletRequest request, @Nullable Principal operator,
			HttpServletResponse response) {
		// Once per episode, as when the session could not be read (DatabaseOutageFilter).
		this.database.failed(ex);
		response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseOutageFilter.RETRY_AFTER);
		return refusal(request, operator, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "admin.database.down");
	}

	/**
	 * Makes the page's CSRF token now, if it has none yet, so that its cookie goes out with the headers (Spring
	 * Security makes it only when the page's form first asks for it, which may be after the first bytes of the page).
	 */
	private static void csrfCookie(HttpServletRequest request) {
		if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
			token.getToken();
		}
	}

	private ModelAndView refusal(HttpServletRequest request, @Nullable Principal operator,
			HttpServletResponse response, int status, String messageKey) {
		csrfCookie(request);
		response.setStatus(status);
		// An export refused before its first row is a page, not a download.
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, null);
		ModelAndView view = new ModelAndView(REFUSED);
		view.addObject("status", status);
		view.addObject("reason", messageKey);
		view.addObject("adminPath", request.getRequestURI().substring(request.getContextPath().length()));
		view.addObject("operator", (operator != null) ? operator.getName() : null);
		return view;
	}

}
