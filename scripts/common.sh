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
