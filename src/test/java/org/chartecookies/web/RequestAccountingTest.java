package org.chartecookies.web;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class RequestAccountingTest {

	private final RequestAccounting accounting = new RequestAccounting();

	@Test
	void countsWhatWasReceivedAndWhatWasAnswered() throws Exception {
		this.accounting.doFilter(new MockHttpServletRequest("GET", "/cookies"), new MockHttpServletResponse(),
				new MockFilterChain());
		assertThatException().isThrownBy(() -> this.accounting.doFilter(new MockHttpServletRequest("GET", "/cookies"),
				new MockHttpServletResponse(), (request, response) -> {
					throw new IllegalStateException("the client went away");
				}));

		assertThat(this.accounting.received()).isEqualTo(2);
		assertThat(this.accounting.answered()).isEqualTo(1);
	}

}
