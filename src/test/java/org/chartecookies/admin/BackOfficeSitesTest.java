package org.chartecookies.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.chartecookies.records.RecordQueries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The back office of a deployment serving two sites (the example folder), over real HTTP: the dashboard, the CSV
 * export and the lookup show every site's records or one site's, chosen among the sites served; a decision on one site
 * is never counted on the other's dashboard.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { Operator.ACCOUNTS,
		"charte.registry.folder=examples/sites",
		// A database of this test's own: the figures are exactly its decisions.
		"charte.records.folder=target/test-records-admin/${random.uuid}" })
class BackOfficeSitesTest {

	@LocalServerPort
	private int port;

	@Autowired
	private RecordQueries records;

	private Operator operator;

	private final String today = LocalDate.now(ZoneOffset.UTC).toString();

	@BeforeEach
	void logIn() throws Exception {
		// With a registry folder, the back office answers under the sites' host names, as every page does.
		this.operator = new Operator(this.port, "198.51.100.40", "shop.example.org");
		assertThat(this.operator.logIn("operator", Operator.OPERATOR_PASSWORD).statusCode()).isEqualTo(302);
	}

	@Test
	void eachSitesDashboardCountsItsOwnDecisionsOnlyAndAllSitesCountsThemAll() throws Exception {
		long shopBefore = decisionsToday("shop");
		long opendataBefore = decisionsToday("opendata");
		String shop = decide("shop.example.org", "accept-all");
		decide("shop.example.org", "reject-all");
		String opendata = decide("opendata.example.org", "accept-all");

		HttpResponse<String> shopDashboard = this.operator.get("/admin?lang=en&site=shop");
		assertThat(shopDashboard.statusCode()).isEqualTo(200);
		assertThat(decisions(shopDashboard.body())).isEqualTo(shopBefore + 2);
		assertThat(shopDashboard.body()).contains("on the site La Boutique.", "Accepted: Advertising cookies")
			.doesNotContain("data-category=\"statistics\"")
			.contains("<option value=\"shop\" selected=\"selected\">La Boutique (shop)</option>");

		HttpResponse<String> opendataDashboard = this.operator.get("/admin?lang=en&site=opendata");
		assertThat(decisions(opendataDashboard.body())).isEqualTo(opendataBefore + 1);
		assertThat(opendataDashboard.body()).doesNotContain("data-category=\"advertising\"");

		HttpResponse<String> all = this.operator.get("/admin?lang=en");
		assertThat(decisions(all.body())).isEqualTo(shopBefore + opendataBefore + 3);
		assertThat(all.body()).contains("<label for=\"site\">Site</label>", "<option value=\"\" selected=\"selected\">All sites</option>",
				"<option value=\"opendata\">Opendatasoft (opendata)</option>",
				"<option value=\"shop\">La Boutique (shop)</option>");

		// The lookup finds a record on its own site, or on every site; not on the other.
		assertThat(this.operator.get("/admin/records?id=" + shop + "&site=shop").statusCode()).isEqualTo(200);
		assertThat(this.operator.get("/admin/records?id=" + shop).body()).contains("data-site>La Boutique (shop)<");
		HttpResponse<String> elsewhere = this.operator.get("/admin/records?lang=en&id=" + opendata + "&site=shop");
		assertThat(elsewhere.statusCode()).isEqualTo(404);
		assertThat(elsewhere.body()).contains("No decision is recorded under the id " + opendata + " on the site La Boutique.");
	}

	@Test
	void theExportOfOneSiteHoldsItsRecordsOnlyWithTheSiteInItsColumn() throws Exception {
		String shop = decide("shop.example.org", "accept-all");
		String opendata = decide("opendata.example.org", "reject-all");

		HttpResponse<String> export = this.operator.get("/admin/export?site=shop&from=" + this.today + "&to=" + this.today);

		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Disposition")).hasValue(
				"attachment; filename=\"consent-records-shop-" + this.today + "-to-" + this.today + ".csv\"");
		List<String> lines = export.body().lines().toList();
		assertThat(lines.get(0)).endsWith(",site,snapshot_hash");
		assertThat(lines.subList(1, lines.size())).isNotEmpty()
			.allSatisfy((line) -> assertThat(line).containsPattern(",shop,[0-9a-f]{64}$"));
		assertThat(export.body()).contains(shop).doesNotContain(opendata);

		assertThat(this.operator.get("/admin/export?from=" + this.today + "&to=" + this.today).body()).contains(shop,
				opendata);
	}

	@Test
	void aSiteThatIsNotServedIsAClearRefusal() throws Exception {
		for (String path : List.of("/admin?site=elsewhere", "/admin/export?site=elsewhere",
				"/admin/records?id=AAAAAAAAAAAAAAAAAAAAAA&site=%3Cscript%3E")) {
			HttpResponse<String> answer = this.operator.get(path + "&lang=en");
			assertThat(answer.statusCode()).as(path).isEqualTo(400);
			assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("text/html;charset=UTF-8");
			assertThat(answer.body()).as(path).contains("This site is not served here").doesNotContain("<script>");
		}
	}

	private long decisionsToday(String site) {
		LocalDate day = LocalDate.parse(this.today);
		return this.records.days(day, day, site).get(0).decisions();
	}

	private static long decisions(String dashboard) {
		String total = dashboard.replaceAll("(?s).*<p class=\"admin-summary\" data-total>(\\d+) decision.*", "$1");
		return Long.parseLong(total);
	}

	/** A visitor's decision on a site, once recorded: its consent id. */
	private String decide(String host, String decision) throws Exception {
		// A client of its own: a connection kept from an earlier test may have been closed by the server meanwhile.
		HttpResponse<String> answer = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cookies/consent"))
					.header("X-Forwarded-Host", host)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.header("Accept", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("decision=" + decision + "&return=%2Fcookies"))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(200);
		String body = answer.body();
		int start = body.indexOf("\"consentId\":\"") + 13;
		String id = body.substring(start, body.indexOf('"', start));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.records.find(id).isPresent());
		return id;
	}

}
