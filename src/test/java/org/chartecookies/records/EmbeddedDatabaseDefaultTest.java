package org.chartecookies.records;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a database named, the records go to an H2 file in the records' folder, created on first use, whose page
 * cache (rows held in the heap) is bounded at 2 MB; a database the operator names is left alone.
 */
class EmbeddedDatabaseDefaultTest {

	@TempDir
	Path folder;

	@Test
	void withoutADatabaseNamedTheRecordsGoToAnH2FileInTheFolderWithASmallPageCache() throws Exception {
		StandardEnvironment environment = environment(Map.of("charte.records.folder", this.folder.toString()));

		new EmbeddedDatabaseDefault().postProcessEnvironment(environment, new SpringApplication());

		try (Connection connection = DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
				environment.getProperty("spring.datasource.username"),
				environment.getProperty("spring.datasource.password"));
				ResultSet cache = connection.createStatement()
					.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
							+ " WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
			assertThat(cache.next()).isTrue();
			// In megabytes: H2's own default is 16.
			assertThat(cache.getInt(1)).isEqualTo(2);
		}
		assertThat(Files.exists(this.folder.resolve("consent-records.mv.db"))).isTrue();
	}

	@Test
	void aDatabaseTheOperatorNamesIsLeftAlone() {
		StandardEnvironment environment = environment(Map.of("spring.datasource.url",
				"jdbc:postgresql://db.example.org/charte", "charte.records.folder", this.folder.toString()));

		new EmbeddedDatabaseDefault().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example.org/charte");
		assertThat(environment.getProperty("spring.datasource.username")).isNull();
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

}
