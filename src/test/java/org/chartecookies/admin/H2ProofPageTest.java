package org.chartecookies.admin;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The proof of a consent with the records in the embedded H2 database (the default). */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { Operator.ACCOUNTS, "charte.records.folder=target/test-records-admin/${random.uuid}" })
class H2ProofPageTest extends ProofPageContract {

}
