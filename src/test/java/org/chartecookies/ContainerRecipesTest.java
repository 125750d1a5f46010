package org.chartecookies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records never on a throw-away path by accident (no container engine here, so the recipes are read): the image
 * declares its records folder a volume, and every run of the image the documentation shows mounts one there.
 */
class ContainerRecipesTest {

	private static final String RECORDS = "/app/data";

	@Test
	void theImageDeclaresItsRecordsFolderAVolumeOwnedByItsUser() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));

		assertThat(dockerfile).containsPattern("(?m)^WORKDIR /app$")
			.containsPattern("(?m)^VOLUME " + RECORDS + "$")
			.containsPattern("mkdir -p " + RECORDS + " && chown -R charte:charte /app");
		assertThat(Files.readString(Path.of(".dockerignore"))).as("no records of a developer's run in the image")
			.containsPattern("(?m)^/?data/?$");
	}

	@Test
	void everyRunOfTheApplicationInTheDocumentationMountsAVolumeOnItsRecordsFolder() throws IOException {
		List<String> runs = new ArrayList<>();
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			for (Path page : Stream.concat(Stream.of(Path.of("README.md"), Path.of("CONTRIBUTING.md")),
					docs.filter((file) -> file.toString().endsWith(".md"))).toList()) {
				// A command continued over several lines with a backslash is one run.
				Matcher run = Pattern.compile("docker run (?:[^\\n]*\\\\\\n)*[^\\n]*").matcher(Files.readString(page));
				while (run.find()) {
					runs.add(page + ": " + run.group());
				}
			}
		}

		List<String> applications = runs.stream()
			.filter((run) -> !run.contains("--rm"))
			.toList();
		assertThat(applications).as("the documentation's runs of the application").isNotEmpty();
		assertThat(applications).allSatisfy((run) -> assertThat(run).contains(":" + RECORDS + " ").as(run));
	}

}
