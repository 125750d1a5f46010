package org.chartecookies;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;

/**
 * The application. Spring Security guards the back office only (admin package): Spring Boot's registration of its
 * filter for every address, and its generated user, are left out.
 */
@SpringBootApplication(exclude = { SecurityFilterAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class })
@ConfigurationPropertiesScan
public class CharteCookiesApplication {

	public static void main(String[] args) {
		SpringApplication.run(CharteCookiesApplication.class, args);
	}

}
