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
		this.draining.doFilter(new MockHttpServletRequest("GET", "/cookies"), before, new MockFilterChain());

		this.draining.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
		MockHttpServletResponse after = new MockHttpServletResponse();
		this.draining.doFilter(new MockHttpServletRequest("GET", "/cookies"), after, new MockFilterChain());

		assertThat(before.getHeader("Connection")).isNull();
		assertThat(after.getHeader("Connection")).isEqualTo("close");
	}

}
