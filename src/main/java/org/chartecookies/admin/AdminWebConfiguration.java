package org.chartecookies.admin;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The back office chooses its language as the rest of the application does ({@code ?lang=}, then the language
 * cookie, then {@code Accept-Language}): a {@code ?lang=} on one of its pages is remembered in the language cookie.
 */
@Configuration(proxyBeanMethods = false)
class AdminWebConfiguration implements WebMvcConfigurer {

	private final LocaleResolver languages;

	AdminWebConfiguration(LocaleResolver languages) {
		this.languages = languages;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {

			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				String asked = request.getParameter("lang");
				if ("fr".equals(asked) || "en".equals(asked)) {
					AdminWebConfiguration.this.languages.setLocale(request, response, Locale.forLanguageTag(asked));
				}
				return true;
			}

		}).addPathPatterns("/admin", "/admin/**");
	}

}
