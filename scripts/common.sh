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

# Extracts target/charte-cookies.jar into the folder $1 as the Dockerfile lays it out (all layers in one folder), with
# the container's scripts beside it.
extract_like_the_image() {
  local target="$1"
  rm -rf "$target" "$target.layers" && mkdir -p "$target"
  java -Djarmode=tools -jar target/charte-cookies.jar extract --layers --destination "$target.layers" > /dev/null
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    [ -d "$target.layers/$layer" ] && cp -r "$target.layers/$layer/." "$target/"
  done
  cp docker/start.sh docker/train.sh docker/healthcheck.sh "$target/"
}

# Writes $1/pom.xml, a one-controller Spring Boot application's (named $2, same Boot version as the application's,
# Java 25) with the starters named after: the reference the footprint and ceiling benchmarks compare the application
# with. Sets boot (the Spring Boot version).
one_controller_pom() {
  local folder="$1" name="$2" starter dependencies=""
  shift 2
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
    <plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins>
  </build>
</project>
POM
}
