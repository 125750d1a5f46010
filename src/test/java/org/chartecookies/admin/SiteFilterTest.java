package org.chartecookies.admin;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The site a back-office page filters on: every site unless a served one is chosen; offered with several sites only. */
class SiteFilterTest {

	@Test
	void noSiteOrAnEmptyOneMeansEverySite() {
		assertThat(SiteFilter.of(null, List.of("shop", "opendata"))).isEqualTo(new SiteFilter(List.of("opendata", "shop"), null));
		assertThat(SiteFilter.of(" ", List.of("shop", "opendata")).site()).isNull();
		assertThat(SiteFilter.of("", List.of("shop")).selected()).isEmpty();
	}

	@Test
	void aServedSiteIsChosen() {
		SiteFilter filter = SiteFilter.of(" shop", List.of("shop", "opendata"));
		assertThat(filter.site()).isEqualTo("shop");
		assertThat(filter.selected()).isEqualTo("shop");
	}

	@Test
	void aSiteThatIsNotServedIsTheClientsMistake() {
		assertThatExceptionOfType(AdminRequestException.class).isThrownBy(() -> SiteFilter.of("Shop", List.of("shop")))
			.satisfies((ex) -> assertThat(ex.messageKey()).isEqualTo("admin.site.unknown"));
		assertThatExceptionOfType(AdminRequestException.class)
			.isThrownBy(() -> SiteFilter.of("<script>", List.of("shop", "opendata")));
	}

	@Test
	void theChoiceIsOfferedOnlyWithSeveralSites() {
		assertThat(SiteFilter.of(null, List.of("cookies")).offered()).isFalse();
		assertThat(SiteFilter.of(null, List.of("shop", "opendata")).offered()).isTrue();
	}

}
