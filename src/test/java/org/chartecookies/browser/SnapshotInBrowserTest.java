package org.chartecookies.browser;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** {@link SnapshotInBrowserContract} on the embedded H2 database. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "charte.registry.location=classpath:registries/two-optional-categories.yaml")
class SnapshotInBrowserTest extends SnapshotInBrowserContract {

}
