package org.chartecookies.admin;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.chartecookies.records.RecordQueries.CategoryFigures;
import org.chartecookies.records.RecordQueries.DayFigures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The charts say what the table says: a bar's height is its day's share of the scale, a rate's point sits at its
 * percentage, and a day without a decision for a category breaks its line rather than drawing a zero.
 */
class DashboardChartTest {

	private static DayFigures day(String date, long decisions, long statisticsDecided, long statisticsAccepted) {
		return new DayFigures(LocalDate.parse(date), decisions, Map.of("accept-all", decisions),
				Map.of("statistics", new CategoryFigures(statisticsDecided, statisticsAccepted)));
	}

	private final DashboardChart chart = DashboardChart.of(List.of(day("2026-11-27", 4, 4, 2),
			day("2026-11-28", 0, 0, 0), day("2026-11-29", 2, 2, 2)), (id) -> "Statistics");

	@Test
	void barsAreTheDaysShareOfTheScale() {
		assertThat(this.chart.bars()).extracting(DashboardChart.Bar::height)
			.containsExactly(String.format(Locale.ROOT, "%.1f", (double) DashboardChart.PLOT_HEIGHT), "0.0",
					String.format(Locale.ROOT, "%.1f", DashboardChart.PLOT_HEIGHT / 2.0));
		assertThat(this.chart.bars()).extracting(DashboardChart.Bar::decisions).containsExactly(4L, 0L, 2L);
		assertThat(this.chart.countTicks()).extracting(DashboardChart.Tick::label).containsExactly("0", "2", "4");
	}

	@Test
	void ratesSitAtTheirPercentageAndADayWithoutDecisionBreaksTheLine() {
		DashboardChart.Series statistics = this.chart.series().get(0);

		assertThat(statistics.title()).isEqualTo("Statistics");
		assertThat(statistics.points()).extracting(DashboardChart.Point::day, DashboardChart.Point::rate)
			.containsExactly(tuple("2026-11-27", "50.0 %"),
					tuple("2026-11-29", "100.0 %"));
		assertThat(statistics.points()).extracting(DashboardChart.Point::y)
			.containsExactly(String.format(Locale.ROOT, "%.1f", DashboardChart.TOP + DashboardChart.PLOT_HEIGHT / 2.0),
					String.format(Locale.ROOT, "%.1f", (double) DashboardChart.TOP));
		assertThat(statistics.lines()).as("two stretches, none through the empty day").hasSize(2);
	}

	@Test
	void aPeriodWithoutAnyDecisionDrawsFlatBarsAndNoLine() {
		DashboardChart empty = DashboardChart.of(List.of(day("2026-11-29", 0, 0, 0)), (id) -> id);

		assertThat(empty.bars()).extracting(DashboardChart.Bar::height).containsExactly("0.0");
		assertThat(empty.series().get(0).lines()).isEmpty();
		assertThat(empty.dayLabels()).extracting(DashboardChart.Label::anchor).containsExactly("middle");
	}

}
