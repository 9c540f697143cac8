# Sourced by ./sluice and scripts/test: sets JAVA_HOME to the newest JDK 21+ it can find, or exits 2.
java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  local d
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk* /usr/java/* "$HOME"/.sdkman/candidates/java/* \
           "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] && candidates+=("$d")
  done
  local best="" best_v=0 c v
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v="$(java_major "$c/bin/java")"
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v="$v"; fi
  done
  [ -n "$best" ] && echo "$best"
}

JDK="$(find_jdk || true)"
if [ -z "$JDK" ]; then
  echo "sluice: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH and /usr/lib/jvm, /opt/java, ~/.sdkman)." >&2
  echo "sluice: install one (e.g. Temurin 21 or 25) and set JAVA_HOME to it." >&2
  exit 2
fi
export JAVA_HOME="$JDK"
