package org.chartecookies.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Puts {@link LocalizedErrorReportValve} in place of the plain error report valve Spring Boot gives Tomcat's host, has
 * the listening socket closed as soon as a graceful shutdown starts, leaves the number of cookies to the header size
 * limit, and closes the connection of a refused form body instead of reading it.
 */
@Component
class TomcatCustomizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private final MessageSource messages;

	TomcatCustomizer(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		// Bound at start, the socket is closed when graceful shutdown begins: new connections are refused at once
		// (and retried elsewhere) instead of waiting in the backlog of a server that will never accept them.
		factory.addConnectorCustomizers((connector) -> connector.setProperty("bindOnInit", "false"));
		// Tomcat refuses more than 200 cookies with a 400 (every page, and the refusal that would clear them); Spring
		// Boot has no property for it. The request header's size limit (server.max-http-request-header-size, 8 KB)
		// bounds them instead: about 2,000 of the shortest fit in it.
		factory.addConnectorCustomizers((connector) -> connector.setMaxCookieCount(-1));
		// "100 Continue" only once the application reads the body: a body it refuses (413) is never invited.
		factory.addConnectorCustomizers((connector) -> connector.setProperty("continueResponseTiming", "onRead"));
		factory.addContextCustomizers((context) -> {
			// A form body refused as too large (413) is not read to its end before the connection closes: its client
			// may be sending it slowly, or never.
			context.setSwallowAbortedUploads(false);
			Container host = context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			// The host adds its own default valve at start unless one of its declared class is there already.
			if (host instanceof StandardHost standardHost) {
				standardHost.setErrorReportValveClass(LocalizedErrorReportValve.class.getName());
			}
			host.getPipeline().addValve(new LocalizedErrorReportValve(this.messages));
		});
	}

	/** After Spring Boot's own customizer, which adds the valve this one replaces. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
