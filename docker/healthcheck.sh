#!/usr/bin/env bash
# The container's HEALTHCHECK, without curl or wget in the image: one HTTP request to /actuator/health through bash's
# /dev/tcp. Exits 0 when the application answers 200 with status UP.
set -eu
port="${SERVER_PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n\r\n' >&3
response="$(timeout 5 cat <&3)"
case "${response}" in
  "HTTP/1.1 200"*'"status":"UP"'*) exit 0 ;;
  *) exit 1 ;;
esac
