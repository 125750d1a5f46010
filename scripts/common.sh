# Shared by the scripts in this folder (sourced, not run).
# shellcheck shell=bash

# The scripts' java and jcmd are a JDK 25's (the application's bytecode is Java 25), found as ./mvnw finds one when
# the java of JAVA_HOME or of the PATH is older.
java_feature() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1; }
java_version=$(java_feature "${JAVA_HOME:+$JAVA_HOME/bin/}java")
if [ "${java_version:-0}" -lt 25 ]; then
  for jdk in "${JAVA25_HOME-}" /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /opt/java/*; do
    if [ -x "$jdk/bin/jcmd" ] && [ "$(java_feature "$jdk/bin/java")" -ge 25 ] 2> /dev/null; then
      PATH="$jdk/bin:$PATH"
      break
    fi
  done
elif [ -n "${JAVA_HOME-}" ]; then
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
