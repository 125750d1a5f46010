package org.chartecookies.browser;

import org.junit.jupiter.api.AfterEach;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser test against the application on a random port: each test opens one {@link Visitor}, whose pages must
 * raise no Content-Security-Policy violation, and which is closed afterwards.
 */
abstract class VisitorTest {

	@LocalServerPort
	protected int port;

	protected Visitor visitor;

	protected Visitor visit(boolean javascript) {
		this.visitor = new Visitor(this.port, javascript);
		return this.visitor;
	}

	@AfterEach
	void noPolicyViolationAndQuit() {
		if (this.visitor != null) {
			try {
				assertThat(this.visitor.cspViolations()).as("Content-Security-Policy violations").isEmpty();
			}
			finally {
				this.visitor.close();
			}
		}
	}

}
