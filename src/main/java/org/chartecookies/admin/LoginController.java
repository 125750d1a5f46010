package org.chartecookies.admin;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.security.web.WebAttributes;

/**
 * The login page. Spring Security takes the form's post; a failed login comes back here (forwarded) with the reason:
 * a wrong name or password ({@code 401}), or too many failures lately ({@code 429} with {@code Retry-After}).
 */
@Controller
class LoginController {

	static final String LOGIN = "/admin/login";

	static final String FAILED = "/admin/login/failed";

	private static final String VIEW = "admin/login";

	@GetMapping(LOGIN)
	String login(@RequestParam(name = "logout", required = false) @Nullable String logout, Model model) {
		model.addAttribute("loggedOut", logout != null);
		return VIEW;
	}

	@RequestMapping(FAILED)
	String failed(HttpServletRequest request, HttpServletResponse response, Model model) {
		// The language switch leads back to the form, not to this address.
		model.addAttribute("adminPath", LOGIN);
		// The name typed stays in the form (the failed post is forwarded here with its parameters); the password not.
		String name = request.getParameter("username");
		model.addAttribute("username", (name != null) ? name.substring(0, Math.min(name.length(), 200)) : "");
		Object failure = request.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		if (failure instanceof LoginRefusedException refused) {
			Duration wait = refused.retryAfter();
			response.setStatus(429);
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
			model.addAttribute("refusedMinutes", Math.max(1, (wait.toSeconds() + 59) / 60));
			return VIEW;
		}
		if (failure == null) {
			return "redirect:" + LOGIN;
		}
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		model.addAttribute("failed", true);
		return VIEW;
	}

}
