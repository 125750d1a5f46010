package org.chartecookies.audit;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixture platform on its own, for scripts/audit-timing.sh: prints the addresses of {@code N} pages (the seeded
 * ones, then clean ones) on one line, comma-separated, and serves them until it is stopped.
 */
public final class FixtureMain {

	private FixtureMain() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		try (FixturePlatform platform = new FixturePlatform()) {
			List<URI> pages = new ArrayList<>();
			for (String path : List.of("/seed/undeclared-header", "/seed/undeclared-js", "/seed/before-consent-header",
					"/seed/before-consent-js", "/seed/before-consent-third-party", "/seed/after-refusal-header",
					"/seed/after-refusal-js", "/seed/lifetime-header", "/seed/lifetime-js",
					"/seed/thirteen-months-header", "/seed/thirteen-months-js")) {
				if (pages.size() < count) {
					pages.add(platform.page(path));
				}
			}
			pages.addAll(platform.cleanPages(count - pages.size()));
			System.out.println(String.join(",", pages.stream().map(URI::toString).toList()));
			System.out.flush();
			Thread.currentThread().join();
		}
	}

}
