# Shared by the scripts in this folder (sourced, not run).
# shellcheck shell=bash

# The scripts' java and jcmd are a JDK 25's (the application's bytecode is Java 25), found as ./mvnw finds one.
. .mvn/jdk.sh
if [ -n "${JAVA_HOME-}" ]; then
  PATH="$JAVA_HOME/bin:$PATH"
fi

# A free TCP port on the loopback interface.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Extracts a jar ($2, default target/charte-cookies.jar) into the folder $1 as the Dockerfile lays it out (all layers in
# one folder, the jar named charte-cookies.jar as start.sh runs it), with the container's scripts beside it.
extract_like_the_image() {
  local target="$1" jar="${2:-target/charte-cookies.jar}"
  rm -rf "$target" "$target.layers" && mkdir -p "$target"
  java -Djarmode=tools -jar "$jar" extract --layers --destination "$target.layers" > /dev/null
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    [ -d "$target.layers/$layer" ] && cp -r "$target.layers/$layer/." "$target/"
  done
  [ -f "$target/charte-cookies.jar" ] || mv "$target/$(basename "$jar")" "$target/charte-cookies.jar"
  cp docker/start.sh docker/train.sh docker/healthcheck.sh "$target/"
}

# Writes $1/pom.xml, a one-controller Spring Boot application's (named $2, same Boot version as the application's,
# Java 25) with the starters named after: the reference the footprint, container and ceiling benchmarks compare the
# application with. ONE_CONTROLLER_AOT=true: Spring AOT processed at build time too, as the application is (the
# container recipe starts with it on). Sets boot (the Spring Boot version).
one_controller_pom() {
  local folder="$1" name="$2" starter dependencies="" aot=""
  shift 2
  if [ "${ONE_CONTROLLER_AOT:-}" = true ]; then
    aot="<executions><execution><id>process-aot</id><goals><goal>process-aot</goal></goals></execution></executions>"
  fi
  boot=$(sed -n '/<artifactId>spring-boot-starter-parent<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;}' pom.xml)
  for starter in "$@"; do
    dependencies="$dependencies    <dependency><groupId>org.springframework.boot</groupId><artifactId>$starter</artifactId></dependency>
"
  done
  cat > "$folder/pom.xml" << POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>$boot</version>
    <relativePath/>
  </parent>
  <groupId>$name</groupId>
  <artifactId>$name</artifactId>
  <version>1</version>
  <properties><java.version>25</java.version></properties>
  <dependencies>
$dependencies  </dependencies>
  <build>
    <finalName>$name</finalName>
    <plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId>$aot</plugin></plugins>
  </build>
</project>
POM
}

# Writes the one-controller webmvc + thymeleaf application (one page, one template) in the folder $1: the reference the
# footprint and container benchmarks start beside the application.
one_controller_app() {
  local folder="$1"
  mkdir -p "$folder/src/main/java/reference" "$folder/src/main/resources/templates"
  one_controller_pom "$folder" reference spring-boot-starter-webmvc spring-boot-starter-thymeleaf
cat > "$folder/src/main/java/reference/ReferenceApplication.java" << 'JAVA'
package reference;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@SpringBootApplication
@Controller
public class ReferenceApplication {

	@GetMapping("/cookies")
	String page(Model model) {
		model.addAttribute("name", "Charte cookies");
		return "page";
	}

	public static void main(String[] args) {
		SpringApplication.run(ReferenceApplication.class, args);
	}

}
JAVA
cat > "$folder/src/main/resources/templates/page.html" << 'HTML'
<!DOCTYPE html>
<html lang="fr" xmlns:th="http://www.thymeleaf.org">
<head><meta charset="utf-8"><title th:text="${name}"></title></head>
<body><h1 th:text="${name}"></h1></body>
</html>
HTML
}
