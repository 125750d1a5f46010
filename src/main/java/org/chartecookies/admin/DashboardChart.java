package org.chartecookies.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.chartecookies.records.RecordQueries.CategoryFigures;
import org.chartecookies.records.RecordQueries.DayFigures;

/**
 * The dashboard's two charts, worked out on the server as SVG geometry (the template only writes it out): decisions
 * per day as bars, and each optional category's acceptance rate per day as a line (broken on days without a decision
 * for it). Coordinates are in the SVG's own units, {@link #WIDTH} by {@link #HEIGHT}; the page's table holds the same
 * figures.
 */
record DashboardChart(List<Bar> bars, List<Tick> countTicks, List<Tick> rateTicks, List<Series> series,
		List<Label> dayLabels) {

	static final int WIDTH = 720;

	static final int HEIGHT = 260;

	static final int LEFT = 48;

	static final int RIGHT = 16;

	static final int TOP = 16;

	static final int BOTTOM = 36;

	static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;

	static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

	/** One day's bar, with what it stands for. */
	record Bar(String x, String y, String width, String height, String day, long decisions) {
	}

	/** A horizontal grid line and its label. */
	record Tick(String y, String label) {
	}

	/** A day named under the charts; the first and last are aligned on the plot's edges so that none is cut. */
	record Label(String x, String anchor, String day) {
	}

	/** A point of a line: one day's rate for one category. */
	record Point(String x, String y, String day, String rate) {
	}

	/**
	 * One category's line.
	 *
	 * @param index its place among the categories (its colour)
	 * @param lines the points of each unbroken stretch, as an SVG {@code points} list
	 */
	record Series(String category, String title, int index, List<String> lines, List<Point> points) {
	}

	static DashboardChart of(List<DayFigures> days, Function<String, String> categoryTitle) {
		int count = days.size();
		double slot = (double) PLOT_WIDTH / Math.max(1, count);
		double barWidth = Math.max(1, slot * 0.7);
		long most = days.stream().mapToLong(DayFigures::decisions).max().orElse(0);
		long scale = niceCeiling(most);
		List<Bar> bars = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			DayFigures day = days.get(i);
			double height = (scale == 0) ? 0 : PLOT_HEIGHT * (double) day.decisions() / scale;
			bars.add(new Bar(number(LEFT + i * slot + (slot - barWidth) / 2), number(TOP + PLOT_HEIGHT - height),
					number(barWidth), number(height), day.day().toString(), day.decisions()));
		}
		List<Tick> countTicks = List.of(tick(0, "0"), tick(0.5, Long.toString(scale / 2)),
				tick(1, Long.toString(scale)));
		List<Tick> rateTicks = List.of(tick(0, "0 %"), tick(0.5, "50 %"), tick(1, "100 %"));
		List<Series> series = new ArrayList<>();
		if (count > 0) {
			int index = 0;
			for (String category : days.get(0).categories().keySet()) {
				series.add(series(category, categoryTitle.apply(category), index++, days, slot));
			}
		}
		List<Label> labels = new ArrayList<>();
		if (count > 0) {
			labels.add(new Label(number((count > 1) ? LEFT : LEFT + slot / 2), (count > 1) ? "start" : "middle",
					days.get(0).day().toString()));
			if (count > 2) {
				labels.add(new Label(number(LEFT + (count / 2) * slot + slot / 2), "middle",
						days.get(count / 2).day().toString()));
			}
			if (count > 1) {
				labels.add(new Label(number(WIDTH - RIGHT), "end", days.get(count - 1).day().toString()));
			}
		}
		return new DashboardChart(bars, countTicks, rateTicks, series, labels);
	}

	private static Series series(String category, String title, int index, List<DayFigures> days, double slot) {
		List<String> lines = new ArrayList<>();
		List<Point> points = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < days.size(); i++) {
			Map<String, CategoryFigures> categories = days.get(i).categories();
			CategoryFigures figures = categories.get(category);
			Double rate = (figures != null) ? figures.rate() : null;
			if (rate == null) {
				if (!line.isEmpty()) {
					lines.add(line.toString());
					line.setLength(0);
				}
				continue;
			}
			String x = number(LEFT + i * slot + slot / 2);
			String y = number(TOP + PLOT_HEIGHT * (1 - rate));
			line.append(line.isEmpty() ? "" : " ").append(x).append(',').append(y);
			points.add(new Point(x, y, days.get(i).day().toString(), percent(rate)));
		}
		if (!line.isEmpty()) {
			lines.add(line.toString());
		}
		return new Series(category, title, index, lines, points);
	}

	/** A rate as the page writes it: {@code 66.7 %}. */
	static String percent(double rate) {
		return String.format(Locale.ROOT, "%.1f %%", rate * 100);
	}

	private static Tick tick(double fraction, String label) {
		return new Tick(number(TOP + PLOT_HEIGHT * (1 - fraction)), label);
	}

	/** The smallest even number at least as large (so that half of it is a whole number too); 0 stays 0. */
	private static long niceCeiling(long most) {
		if (most <= 0) {
			return 0;
		}
		return (most % 2 == 0) ? most : most + 1;
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	public int width() {
		return WIDTH;
	}

	public int height() {
		return HEIGHT;
	}

	public String viewBox() {
		return "0 0 " + WIDTH + " " + HEIGHT;
	}

	public int left() {
		return LEFT;
	}

	public int right() {
		return WIDTH - RIGHT;
	}

	public int baseline() {
		return TOP + PLOT_HEIGHT;
	}

	public int labelY() {
		return HEIGHT - 12;
	}

}
