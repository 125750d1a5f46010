package org.chartecookies.admin;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.TransactionException;

/**
 * The back office's sessions in the records' database: the deletion of expired ones (Spring Session's, scheduled here
 * rather than by Spring Session, whose scheduler logs an {@code ERROR} with a stack trace at each run while the
 * database does not answer); the sessions logged out while it does not answer, ended in the database as soon as it
 * answers again (until then this instance refuses them itself); and the log of such an episode, once: one {@code WARN} line when the database stops answering the back office, one
 * {@code INFO} line when it answers again, whatever the number of requests in between (anyone can send a session
 * cookie: one line each would let them fill the log).
 */
class SessionUpkeep implements DisposableBean {

	private static final Log logger = LogFactory.getLog(SessionUpkeep.class);

	/** Logouts kept at most: beyond, a made-up cookie's logout is answered but not remembered. */
	static final int MAX_LOGOUTS = 10_000;

	private final JdbcIndexedSessionRepository sessions;

	/** The ids of the sessions logged out while the database did not answer, and since when the oldest waits. */
	private final Set<String> loggedOut = ConcurrentHashMap.newKeySet();

	private volatile @Nullable Instant oldestLogout;

	private final AtomicBoolean failing = new AtomicBoolean();

	SessionUpkeep(JdbcIndexedSessionRepository sessions) {
		this.sessions = sessions;
	}

	/** Whether this failure is the database's: it did not answer, or not in time (every connection busy). */
	static boolean databaseFailure(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessException || cause instanceof TransactionException) {
				return true;
			}
		}
		return false;
	}

	/** The database did not answer the back office: said once per episode. */
	void failed(Throwable failure) {
		if (this.failing.compareAndSet(false, true)) {
			Throwable cause = failure;
			while (cause.getCause() != null) {
				cause = cause.getCause();
			}
			logger.warn("Back office: the records database does not answer (" + cause.getMessage()
					+ "): its pages answer 503 until it does");
		}
	}

	/** Whether the back office's last use of the database failed. */
	boolean failing() {
		return this.failing.get();
	}

	/** The database answered the back office. */
	void answered() {
		if (this.failing.compareAndSet(true, false)) {
			logger.info("Back office: the records database answers again");
		}
	}

	/** Sessions logged out while the database did not answer: this browser's cookie is already cleared. */
	void loggedOut(Collection<String> ids) {
		for (String id : ids) {
			if (this.loggedOut.size() < MAX_LOGOUTS && this.loggedOut.add(id) && this.oldestLogout == null) {
				this.oldestLogout = Instant.now();
			}
		}
	}

	/**
	 * Ends in the database, before anything reads them, those of these sessions that were logged out while it did not
	 * answer; throws when it still does not.
	 */
	void endLoggedOut(Collection<String> ids) {
		for (String id : ids) {
			if (this.loggedOut.contains(id)) {
				this.sessions.deleteById(id);
				this.loggedOut.remove(id);
			}
		}
	}

	/**
	 * Deletes the expired sessions, when Spring Session would ({@code spring.session.jdbc.cleanup-cron}, every minute);
	 * its own schedule is off ({@link AdminSessionsConfiguration}).
	 */
	@Scheduled(cron = "${spring.session.jdbc.cleanup-cron:0 * * * * *}")
	void deleteExpiredSessions() {
		try {
			this.sessions.cleanUpExpiredSessions();
		}
		catch (RuntimeException ex) {
			if (!databaseFailure(ex)) {
				throw ex;
			}
			failed(ex);
			return;
		}
		answered();
	}

	/** Every few seconds, while there are some: ends the sessions logged out while the database did not answer. */
	@Scheduled(fixedDelay = 5, timeUnit = TimeUnit.SECONDS)
	void endLoggedOut() {
		if (this.loggedOut.isEmpty()) {
			return;
		}
		int waiting = this.loggedOut.size();
		try {
			endLoggedOut(Set.copyOf(this.loggedOut));
		}
		catch (RuntimeException ex) {
			if (!databaseFailure(ex)) {
				throw ex;
			}
			failed(ex);
			return;
		}
		answered();
		this.oldestLogout = null;
		logger.info("Back office: " + waiting + " session(s) logged out while the records database did not answer are"
				+ " now ended");
	}

	/**
	 * At shutdown, the logouts not yet recorded are tried once more; when the database still does not answer, the log
	 * says how to end them by hand (no other instance knows them).
	 */
	@Override
	public void destroy() {
		endLoggedOut();
		Instant oldest = this.oldestLogout;
		if (!this.loggedOut.isEmpty() && oldest != null) {
			logger.warn("Back office: " + this.loggedOut.size() + " session(s) logged out while the records database did"
					+ " not answer could not be ended there: they end 30 minutes after their last use (the session"
					+ " timeout), or at once with DELETE FROM SPRING_SESSION WHERE LAST_ACCESS_TIME < "
					+ oldest.toEpochMilli() + " (which ends every session unused since the first of those logouts)");
		}
	}

}
