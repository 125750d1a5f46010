package org.chartecookies.web;

import java.io.IOException;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockAsyncContext;
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

	@Test
	void aRequestStillReceivingItsBodyIsAnsweredWhenItCompletesNotWhenTheFirstPassReturns() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cookies/consent");
		request.setAsyncSupported(true);
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.accounting.doFilter(request, response, (req, res) -> req.startAsync());
		assertThat(this.accounting.received()).isEqualTo(1);
		assertThat(this.accounting.answered()).isZero();

		request.getAsyncContext().complete();
		assertThat(this.accounting.answered()).isEqualTo(1);
	}

	@Test
	void anAsynchronousRequestThatFailedIsNotAnswered() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cookies/consent");
		request.setAsyncSupported(true);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.accounting.doFilter(request, response, (req, res) -> req.startAsync());

		MockAsyncContext async = (MockAsyncContext) request.getAsyncContext();
		for (AsyncListener listener : async.getListeners()) {
			listener.onError(new AsyncEvent(async, new IOException("the client went away")));
		}
		async.complete();

		assertThat(this.accounting.received()).isEqualTo(1);
		assertThat(this.accounting.answered()).isZero();
	}

}
