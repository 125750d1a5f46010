package org.chartecookies.web;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Request bodies are received without a worker waiting on the client ({@link RequestBodyBuffering}).
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyConfiguration {

	@Bean
	FilterRegistrationBean<RequestBodyBuffering> requestBodyBuffering(RequestBodyProperties properties,
			MessageSource messages, LocaleResolver localeResolver) {
		FilterRegistrationBean<RequestBodyBuffering> registration = new FilterRegistrationBean<>(
				new RequestBodyBuffering(properties, messages, localeResolver));
		registration.setOrder(RequestBodyBuffering.ORDER);
		// The first pass starts reading; the asynchronous dispatch either refuses the request or lets it through.
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		registration.setAsyncSupported(true);
		return registration;
	}

}
