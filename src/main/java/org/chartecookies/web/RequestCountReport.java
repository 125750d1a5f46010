package org.chartecookies.web;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Says, once the web server has stopped (this is the last thing to stop), how many requests the application answered
 * and how many were still in progress, from Micrometer's {@code http.server.requests} and
 * {@code http.server.requests.active}, so that an operator can check that a shutdown under load lost none in flight:
 * "Requests answered: 2413422, still in progress: 0".
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class RequestCountReport implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RequestCountReport.class);

	private final MeterRegistry meters;

	private volatile boolean running;

	RequestCountReport(MeterRegistry meters) {
		this.meters = meters;
	}

	long answered() {
		return this.meters.find("http.server.requests").timers().stream().mapToLong(Timer::count).sum();
	}

	long inProgress() {
		return this.meters.find("http.server.requests.active")
			.longTaskTimers()
			.stream()
			.mapToLong(LongTaskTimer::activeTasks)
			.sum();
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		logger.info("Requests answered: " + answered() + ", still in progress: " + inProgress());
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops after everything else, the web server and its graceful shutdown included. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

}
