package org.chartecookies.admin;

import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.chartecookies.web.FilterOrder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.ForwardAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Spring Security for the back office, and for nothing else: its filter is registered for {@code /admin} and
 * {@code /admin/*} only (Spring Boot's registration for every address is excluded on the application class), so the
 * visitor's pages never meet it (no session, no firewall, no headers of its own). Accounts come from
 * {@code charte.admin.accounts}; Spring Boot's generated user is never made. With no account the back office is off:
 * every {@code /admin} address is {@code 404}, as if it did not exist.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AdminSecurityConfiguration {

	static final String ROLE = "OPERATOR";

	/** The cookie holding the back office's CSRF token. */
	static final String CSRF_COOKIE = "charte_admin_csrf";

	/** The name Spring Security gives its filter chain. */
	private static final String SECURITY_FILTER_CHAIN = "springSecurityFilterChain";

	/** Spring Boot's registration of Spring Session's filter (SessionRepositoryFilterConfiguration's bean). */
	private static final String SESSION_FILTER_REGISTRATION = "sessionRepositoryFilterRegistration";

	private static final Log logger = LogFactory.getLog(AdminSecurityConfiguration.class);

	@Bean
	UserDetailsService operatorAccounts(AdminProperties properties) {
		List<UserDetails> accounts = properties.accounts()
			.stream()
			.map((account) -> User.withUsername(account.name()).password(account.passwordHash()).roles(ROLE).build())
			.toList();
		if (accounts.isEmpty()) {
			logger.info("Back office off: no account in charte.admin.accounts (see docs/back-office.md, \"Accounts\"); "
					+ "every /admin address answers 404");
		}
		else {
			logger.info("Back office on at /admin for " + accounts.size() + " account(s)");
		}
		return new InMemoryUserDetailsManager(accounts);
	}

	@Bean
	LoginThrottle loginThrottle(AdminProperties properties, Clock clock) {
		return new LoginThrottle(properties.login(), clock);
	}

	@Bean
	SecurityFilterChain backOffice(HttpSecurity http, AdminProperties properties, UserDetailsService accounts,
			LoginThrottle throttle) throws Exception {
		http.securityMatcher("/admin", "/admin/**");
		if (!properties.enabled()) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().denyAll())
				.exceptionHandling((exceptions) -> exceptions
					.authenticationEntryPoint((request, response, ex) -> response.sendError(HttpServletResponse.SC_NOT_FOUND))
					.accessDeniedHandler((request, response, ex) -> response.sendError(HttpServletResponse.SC_NOT_FOUND)))
				.csrf((csrf) -> csrf.disable())
				.requestCache((cache) -> cache.disable())
				.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.build();
		}
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts);
		passwords.setPasswordEncoder(new BCryptPasswordEncoder());
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers(LoginController.LOGIN, LoginController.FAILED)
				.permitAll()
				.anyRequest()
				.hasRole(ROLE))
			.authenticationManager(new ProviderManager(new ThrottledAuthentication(passwords, throttle)))
			// No session before a login: the form's CSRF token lives in a cookie until then (the session's after it), and
			// no request is saved for after it.
			.csrf((csrf) -> csrf.csrfTokenRepository(new SessionBoundCsrfTokens(csrfTokens())))
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
			.formLogin((login) -> login.loginPage(LoginController.LOGIN)
				.failureHandler(new ForwardAuthenticationFailureHandler(LoginController.FAILED))
				.successHandler(sessionTokenThenDashboard()))
			.logout((logout) -> logout.logoutUrl("/admin/logout")
				.logoutSuccessUrl(LoginController.LOGIN + "?logout")
				.addLogoutHandler((request, response, authentication) -> {
					if (authentication != null) {
						logger.info("Back office: " + LoginLog.name(authentication.getName()) + " logged out from "
								+ LoginLog.address(request.getRemoteAddr()));
					}
				}))
			// The application's own filter writes these on every answer (SecurityHeadersFilter): not twice.
			.headers((headers) -> headers.httpStrictTransportSecurity((hsts) -> hsts.disable())
				.contentTypeOptions((options) -> options.disable()))
			.build();
	}

	/**
	 * After a login, the session's CSRF token is made at once, saved with the new session, and the dashboard follows.
	 * Made later, by the first pages, several pages opened at once would each make one, and each page's session save
	 * would insert it: all but one fail on the attributes table's key.
	 */
	private static AuthenticationSuccessHandler sessionTokenThenDashboard() {
		AuthenticationSuccessHandler dashboard = new SimpleUrlAuthenticationSuccessHandler("/admin");
		return (request, response, authentication) -> {
			if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
				token.getToken();
			}
			dashboard.onAuthenticationSuccess(request, response, authentication);
		};
	}

	/**
	 * The login form's CSRF token, in a cookie rather than in a session (so that an anonymous request never makes
	 * one; once logged in, the token is the session's: {@link SessionBoundCsrfTokens}): {@value #CSRF_COOKIE}, declared in the registry, sent to {@code /admin} only, never to scripts, never from
	 * another site, {@code Secure} over HTTPS (behind the proxy too) like the session cookie. The form holds the token
	 * masked differently on each page (Spring Security's default), the cookie holds it as it is: a forged post has
	 * neither.
	 */
	static CookieCsrfTokenRepository csrfTokens() {
		CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
		tokens.setCookieName(CSRF_COOKIE);
		tokens.setCookiePath("/admin");
		tokens.setCookieCustomizer((cookie) -> cookie.httpOnly(true).sameSite("Strict"));
		return tokens;
	}

	/**
	 * Spring Session's filter (the back office's session in the records' database, so that every replica knows it),
	 * registered by Spring Boot for every address, is narrowed to the back office's: a visitor's request never meets
	 * it.
	 */
	@Bean
	static BeanPostProcessor backOfficeSessions() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof DelegatingFilterProxyRegistrationBean registration
						&& SESSION_FILTER_REGISTRATION.equals(beanName)) {
					registration.setUrlPatterns(List.of("/admin", "/admin/*"));
					registration.setOrder(FilterOrder.BACK_OFFICE_SESSIONS);
				}
				return bean;
			}

		};
	}

	/**
	 * Spring Security's filter chain, for the back office's addresses only (Spring Boot's own registration, for every
	 * address, is excluded on the application class). Looked up at the first request, as Spring Boot does.
	 */
	@Bean
	DelegatingFilterProxyRegistrationBean backOfficeSecurityFilter() {
		DelegatingFilterProxyRegistrationBean registration = new DelegatingFilterProxyRegistrationBean(
				SECURITY_FILTER_CHAIN);
		registration.setUrlPatterns(List.of("/admin", "/admin/*"));
		registration.setOrder(FilterOrder.BACK_OFFICE_SECURITY);
		return registration;
	}

}
