# Charte cookies builds and runs on Java 25 (sourced by ./mvnw and scripts/common.sh; POSIX sh). When the java of
# JAVA_HOME (or of the PATH) is older, JAVA_HOME is set to a JDK 25 or newer found where installers put JDKs; with
# none, it is left as it is and the build stops at once saying what to install (pom.xml, enforcer).
java_feature() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1; }
java_version=$(java_feature "${JAVA_HOME:+$JAVA_HOME/bin/}java")
if [ "${java_version:-0}" -lt 25 ]; then
  set +f
  for jdk in "${JAVA25_HOME-}" /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /opt/java/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -x "$jdk/bin/javac" ] && [ "$(java_feature "$jdk/bin/java")" -ge 25 ] 2>/dev/null; then
      JAVA_HOME=$jdk
      export JAVA_HOME
      break
    fi
  done
fi
