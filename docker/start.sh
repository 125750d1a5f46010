#!/bin/sh
# Starts Charte cookies from the extracted jar layers (java -Djarmode=tools -jar charte-cookies.jar extract --layers).
# This is the container's ENTRYPOINT; ContainerStartIT runs the very same script outside a container.
#   APP_HOME   the folder holding charte-cookies.jar and lib/ (default: this script's folder)
#   JAVA_OPTS  JVM options (default: sized for a container, see below); extra arguments go to the application.
set -eu
APP_HOME="${APP_HOME:-$(cd "$(dirname "$0")" && pwd)}"
# Heap as a share of the container's memory limit, serial GC (one or two cores, small heap), fail fast on OOM.
JAVA_OPTS="${JAVA_OPTS:--XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Xss512k}"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java $JAVA_OPTS -jar "$APP_HOME/charte-cookies.jar" "$@"
