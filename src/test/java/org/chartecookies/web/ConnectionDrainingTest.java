package org.chartecookies.web;

import org.junit.jupiter.api.Test;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionDrainingTest {

	private final ConnectionDraining draining = new ConnectionDraining();

	@Test
	void answersKeepTheirConnectionUntilShutdownStartsThenCloseIt() throws Exception {
		MockHttpServletResponse before = new MockHttpServletResponse();
		MockFilterChain chainBefore = new MockFilterChain();
		this.draining.doFilter(new MockHttpServletRequest("GET", "/cookies"), before, chainBefore);

		this.draining.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
		MockHttpServletResponse after = new MockHttpServletResponse();
		MockFilterChain chainAfter = new MockFilterChain();
		this.draining.doFilter(new MockHttpServletRequest("GET", "/cookies"), after, chainAfter);

		assertThat(before.getHeader("Connection")).isNull();
		assertThat(after.getHeader("Connection")).isEqualTo("close");
		// Every request is still answered, before shutdown and during it.
		assertThat(chainBefore.getRequest()).as("the request went on before shutdown").isNotNull();
		assertThat(chainAfter.getRequest()).as("the request went on during shutdown").isNotNull();
	}

}
