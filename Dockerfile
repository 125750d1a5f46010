# syntax=docker/dockerfile:1
# Charte cookies: build with the Maven wrapper, run on a Java 17 JRE as a non-root user from extracted jar layers.
#   docker build -t charte-cookies .
#   docker run -p 8080:8080 -v "$PWD/cookies.yaml:/config/cookies.yaml:ro" \
#     -e CHARTE_REGISTRY_LOCATION=/config/cookies.yaml charte-cookies

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/charte-cookies.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system charte && useradd --system --gid charte --no-create-home --home-dir /app charte
WORKDIR /app
# One layer per rate of change: libraries change least, the application most.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
COPY docker/start.sh docker/healthcheck.sh ./
USER charte
EXPOSE 8080
# The registry shipped in the jar, unless a mounted file is named (see the docker run line above).
ENV CHARTE_REGISTRY_LOCATION=classpath:registry/cookies.yaml
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["/app/healthcheck.sh"]
ENTRYPOINT ["/app/start.sh"]
