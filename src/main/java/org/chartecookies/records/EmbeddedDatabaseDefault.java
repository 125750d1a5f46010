package org.chartecookies.records;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Without {@code spring.datasource.url}, records go to an embedded H2 database in a file under
 * {@code charte.records.folder} ({@link RecordsProperties#DEFAULT_FOLDER}), so that the application needs nothing installed. The folder may be
 * given relative to the working directory: H2 is given the absolute path (it refuses implicitly relative ones). The
 * database stays open until Spring closes its pool, after the record writer's last flush (H2's own shutdown hook
 * would close it first).
 * <p>
 * H2's page cache is set to 2 MB (its default, 16 MB): H2 keeps the rows of the pages it caches in the heap, and the
 * recently written ones are copied at every young collection until they leave the cache: the smaller cache shortens
 * those pauses, and the back office's queries read as fast (figures: README, "The consent POST's cost of recording").
 */
class EmbeddedDatabaseDefault implements EnvironmentPostProcessor, Ordered {

	static final String FILE_NAME = "consent-records";

	/** H2's page cache, in kilobytes. */
	static final int CACHE_KB = 2048;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("spring.datasource.url")) {
			return;
		}
		Path folder = Path.of(environment.getProperty("charte.records.folder", RecordsProperties.DEFAULT_FOLDER)).toAbsolutePath().normalize();
		// The verification reads a database and makes none: a mistyped folder is an error, not an empty success.
		String verifying = RecordsConfiguration.verifying(environment) ? ";IFEXISTS=TRUE" : "";
		environment.getPropertySources()
			.addLast(new MapPropertySource("charteEmbeddedDatabase",
					Map.of("spring.datasource.url",
							"jdbc:h2:file:" + folder.resolve(FILE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=" + CACHE_KB
									+ verifying,
							"spring.datasource.username", "sa", "spring.datasource.password", "")));
	}

	@Override
	public int getOrder() {
		// After the configuration files are read (ConfigDataEnvironmentPostProcessor), so that they can name a database.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
