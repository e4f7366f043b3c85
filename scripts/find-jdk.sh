# Sourced by ./litebench, scripts/mvn and .ci/run: sets JAVA_HOME to a JDK >= 25 or exits with a clear message.
# Looks at JAVA_HOME, then java on PATH, then /usr/lib/jvm/*.
# The feature release of the JDK at $1: from its release file (reading it costs nothing, where starting each
# candidate's java took 0.1-0.2 s apiece, over half a second before every command on a machine with three JDK 17
# entries ahead of the 25), else from the java binary itself.
litebench_java_major() {
  local v=""
  [ -f "$1/release" ] && v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -1)"
  [ -n "$v" ] || v="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1)"
  echo "$v"
}
litebench_find_jdk() {
  local candidates=() d v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for d in /usr/lib/jvm/*; do [ -d "$d" ] && candidates+=("$d"); done
  for d in "${candidates[@]}"; do
    if [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ]; then
      v="$(litebench_java_major "$d")"
      if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$d"; return 0; fi
    fi
  done
  return 1
}
if ! JAVA_HOME="$(litebench_find_jdk)"; then
  echo "litebench: no JDK 25 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*). Install one (e.g. Temurin 25) or set JAVA_HOME." >&2
  exit 2
fi
export JAVA_HOME
