package org.chartecookies.registry;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages a registry lists for the audit: web pages on the hosts the site names, each refused with its reason. */
class AuditPagesTest {

	private static final Site SITE = new Site("Exemple", URI.create("https://www.example.org"),
			Arrays.asList("shop.example.org", null, "www.example.org"), null, null, null, null);

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
			NULL                                 | an empty page
			'  '                                 | an empty page
			http://www.example.org/a b           | 'not an address: http://www.example.org/a b (Illegal character in path)'
			ftp://www.example.org/               | 'not an absolute http or https address such as https://www.example.org/search: ftp://www.example.org/'
			/search                              | 'not an absolute http or https address such as https://www.example.org/search: /search'
			https:///search                      | 'not an absolute http or https address such as https://www.example.org/search: https:///search'
			https://me:secret@www.example.org/   | 'an address with a user name or password is not scanned: https://me:secret@www.example.org/'
			https://evil.example/                | 'https://evil.example/ is not on a host of this site (www.example.org, shop.example.org: site.hosts and the host of site.url)'
			""")
	void aPageThatIsNotOneOfTheSitesWebPagesIsRefusedWithItsReason(String page, String problem) {
		assertThat(AuditPages.problem(page, SITE)).isEqualTo(problem);
	}

	@ParameterizedTest
	@CsvSource({ "https://www.example.org/", "HTTP://WWW.Example.org:8080/search?q=x", "http://shop.example.org/cart" })
	void aWebPageOnAHostTheSiteNamesIsAccepted(String page) {
		assertThat(AuditPages.problem(page, SITE)).isNull();
	}

	@Test
	void theHostsAreTheSitesAddressesThenItsHostsEachOnce() {
		assertThat(AuditPages.hosts(SITE)).containsExactly("www.example.org", "shop.example.org");
	}

	@Test
	void noListIsNoPage() {
		assertThat(new AuditPages(null).pages()).isEmpty();
		assertThat(AuditPages.NONE.addresses()).isEmpty();
		assertThat(new AuditPages(List.of("https://www.example.org/")).addresses())
			.containsExactly(URI.create("https://www.example.org/"));
	}

}
