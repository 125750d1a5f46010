#!/bin/sh
# Starts Charte cookies from the extracted jar layers (java -Djarmode=tools -jar charte-cookies.jar extract --layers).
# This is the container's ENTRYPOINT; ContainerStartIT and scripts/benchmark.sh run the very same script outside one.
#   APP_HOME   the folder holding charte-cookies.jar and lib/ (default: this script's folder)
#   JAVA_HOME  the Java to run (default: java on the PATH)
#   JAVA_OPTS  JVM options added after the image's own (below; the later of two settings wins, so -Xmx512m or
#              -XX:MaxRAMPercentage=75 here replace the image's heap size); extra arguments go to the application.
# When APP_HOME holds app.aot (made by docker/train.sh, Java 25), the JVM starts from that AOT cache. The cache holds
# only for the options it was trained with: the image's are always given. Another collector is chosen by turning the
# image's off too (JAVA_OPTS="-XX:-UseParallelGC -XX:+UseG1GC"; naming a second one alone stops the JVM: "multiple
# garbage collectors"), and then, as with other layout-changing options, the JVM may start without the cache.
set -eu
APP_HOME="${APP_HOME:-$(cd "$(dirname "$0")" && pwd)}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# Heap as a share of the container's memory, the parallel collector (its young pauses, one thread per processor, are
# what a consent POST's p99 depends on), fail fast on OOM, small stacks and code cache, compact object headers.
IMAGE_OPTS="-XX:MaxRAMPercentage=60 -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -Xss256k -XX:ReservedCodeCacheSize=48m -XX:+UseCompactObjectHeaders"
AOT_CACHE=""
if [ -f "$APP_HOME/app.aot" ]; then
  AOT_CACHE="-XX:AOTCache=$APP_HOME/app.aot"
fi
# Spring's build-time bean definitions were made with the management endpoints on the application's port, health
# alone exposed: with them, a MANAGEMENT_SERVER_PORT of its own would be ignored (health left on the visitors' port),
# and so would MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE (no metrics). Such a start works its beans out at run time
# instead (slower to start; the JVM's AOT cache still applies).
SPRING_AOT=true
if [ -n "${MANAGEMENT_SERVER_PORT:-}" ] && [ "${MANAGEMENT_SERVER_PORT}" != "${SERVER_PORT:-8080}" ]; then
  SPRING_AOT=false
fi
if [ -n "${MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE:-}" ]; then
  SPRING_AOT=false
fi
# shellcheck disable=SC2086 # lists of options
exec "$JAVA" $IMAGE_OPTS ${JAVA_OPTS:-} $AOT_CACHE -Dspring.aot.enabled=$SPRING_AOT -jar "$APP_HOME/charte-cookies.jar" "$@"
