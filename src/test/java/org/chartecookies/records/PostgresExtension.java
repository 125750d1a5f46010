package org.chartecookies.records;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away {@link PostgresCluster} of one test class's own, started before its tests and closed after them:
 * {@code @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();}. A Spring test points
 * its application at it with {@code postgres.cluster().register(registry)} in a {@code @DynamicPropertySource} method.
 * Registered after the class's {@code @SpringBootTest}, it closes the cluster just before Spring closes the context the
 * class dirties, as the {@code @AfterAll} method it replaces did.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {

	private PostgresCluster cluster;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.cluster = PostgresCluster.start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.cluster != null) {
			this.cluster.close();
			this.cluster = null;
		}
	}

	/** The running test class's cluster. */
	public PostgresCluster cluster() {
		return this.cluster;
	}

}
