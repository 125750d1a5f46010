#!/usr/bin/env bash
# The container's HEALTHCHECK, without curl or wget in the image: one HTTP request to /actuator/health/liveness through
# bash's /dev/tcp. Exits 0 when the application answers 200 with status UP. Liveness, not the whole health: while the
# consent records' database is down, /actuator/health says DOWN, yet visitors are served and their decisions kept in a
# file, and restarting the container would not bring the database back.
set -eu
port="${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n\r\n' >&3
response="$(timeout 5 cat <&3)"
case "${response}" in
  "HTTP/1.1 200"*'"status":"UP"'*) exit 0 ;;
  *) exit 1 ;;
esac
