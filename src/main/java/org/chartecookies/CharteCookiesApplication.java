package org.chartecookies;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CharteCookiesApplication {

	public static void main(String[] args) {
		SpringApplication.run(CharteCookiesApplication.class, args);
	}

}
