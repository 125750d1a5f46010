# syntax=docker/dockerfile:1
# Charte cookies: build with the Maven wrapper on a Java 25 JDK; run on a Java 25 JRE as a non-root
# user, from extracted jar layers and an AOT cache trained in the image.
#   docker build -t charte-cookies .
#   docker run -p 8080:8080 -m 512m -v "$PWD/cookies.yaml:/config/cookies.yaml:ro" -v charte-data:/app/data \
#     -e CHARTE_REGISTRY_LOCATION=/config/cookies.yaml charte-cookies
# (the README's "Production" is the whole recipe: PostgreSQL, the signing key, the back-office account)

FROM eclipse-temurin:25-jdk AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/charte-cookies.jar extract --layers --destination extracted

FROM eclipse-temurin:25-jre
# A fixed numeric user, so that Kubernetes' runAsNonRoot can check it (deploy/kubernetes/deployment.yaml).
RUN groupadd --system --gid 10001 charte \
 && useradd --system --uid 10001 --gid charte --no-create-home --home-dir /app charte
WORKDIR /app
# One layer per rate of change: libraries change least, the application most.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
COPY docker/start.sh docker/train.sh docker/healthcheck.sh ./
# The JVM's settings for a small container are start.sh's (JAVA_OPTS adds to them); glibc keeps fewer malloc arenas.
ENV MALLOC_ARENA_MAX=2
# Training run: the AOT cache start.sh starts from (scripts/benchmark.sh measures the first served request with it).
RUN ./train.sh && mkdir -p /app/data && chown -R charte:charte /app
# The records folder (CHARTE_RECORDS_FOLDER, ./data): the journal of answered decisions, and the embedded database when
# no PostgreSQL is configured. A volume, so that removing or replacing the container never deletes it by accident
# (without -v, Docker makes an anonymous one; name it, as the README's recipe does). A new named volume starts as
# this folder is: owned by the image's user.
VOLUME /app/data
USER 10001:10001
EXPOSE 8080
# The registry shipped in the jar, unless a mounted file is named (see the docker run line above).
ENV CHARTE_REGISTRY_LOCATION=classpath:registry/cookies.yaml
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["/app/healthcheck.sh"]
ENTRYPOINT ["/app/start.sh"]
