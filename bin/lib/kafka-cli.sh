# Sourced by bin/kafka-*: runs a stock Kafka CLI tool from Maven artifacts, so no Kafka download is needed.
#
#   Classpath:  resolved once from infra/kafka-cli/pom.xml with `mvn dependency:build-classpath` and cached in
#               .local/kafka-cli.classpath (re-resolved when a pom changes or a cached jar disappeared).
#               KAFKA_CLI_CLASSPATH overrides it entirely.
#   Bootstrap:  without --bootstrap-server, uses SWITCHBOARD_KAFKA_BOOTSTRAP, else the running local stack's
#               address from .local/endpoints.properties, else 127.0.0.1:19092.
#   JVM:        JAVA_HOME/bin/java if set; extra JVM flags in KAFKA_CLI_JAVA_OPTS.
# Written for bash 3.2+ (macOS) as well as Linux.

set -euo pipefail

SWITCHBOARD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SWITCHBOARD_STATE_DIR="${SWITCHBOARD_LOCAL_DIR:-$SWITCHBOARD_ROOT/.local}"
KAFKA_CLI_DEFAULT_BOOTSTRAP="127.0.0.1:19092"

kafka_cli_cache_valid() {
  local cache="$1" entry
  [[ -s "$cache" ]] || return 1
  [[ "$SWITCHBOARD_ROOT/infra/kafka-cli/pom.xml" -nt "$cache" ]] && return 1
  [[ "$SWITCHBOARD_ROOT/pom.xml" -nt "$cache" ]] && return 1
  local IFS=':'
  for entry in $(cat "$cache"); do
    [[ -e "$entry" ]] || return 1
  done
  return 0
}

kafka_cli_classpath() {
  if [[ -n "${KAFKA_CLI_CLASSPATH:-}" ]]; then
    printf '%s' "$KAFKA_CLI_CLASSPATH"
    return
  fi
  local cache="$SWITCHBOARD_STATE_DIR/kafka-cli.classpath"
  if ! kafka_cli_cache_valid "$cache"; then
    mkdir -p "$SWITCHBOARD_STATE_DIR"
    echo "Resolving the Kafka CLI classpath (once; cached in $cache)..." >&2
    local tmp="$cache.tmp.$$" output
    # runtime scope only: the module's test dependencies (a whole broker, JUnit) must not leak into the tools.
    # Maven's output is shown only when it fails, so stdout stays clean for the tool's records.
    if ! output="$(mvn -q -B -f "$SWITCHBOARD_ROOT/infra/kafka-cli/pom.xml" dependency:build-classpath \
        -Dmdep.includeScope=runtime -Dmdep.outputFile="$tmp" 2>&1)"; then
      printf '%s\n' "$output" >&2
      rm -f "$tmp"
      echo "Could not resolve the Kafka CLI classpath (is mvn on the PATH?)" >&2
      exit 1
    fi
    mv "$tmp" "$cache"
  fi
  cat "$cache"
}

kafka_cli_bootstrap() {
  if [[ -n "${SWITCHBOARD_KAFKA_BOOTSTRAP:-}" ]]; then
    printf '%s' "$SWITCHBOARD_KAFKA_BOOTSTRAP"
    return
  fi
  local file="$SWITCHBOARD_STATE_DIR/endpoints.properties" value=""
  if [[ -f "$file" ]]; then
    value="$(sed -n 's/^kafka\.bootstrap-servers=//p' "$file" | tail -n 1)"
  fi
  printf '%s' "${value:-$KAFKA_CLI_DEFAULT_BOOTSTRAP}"
}

kafka_cli_has_bootstrap() {
  local arg
  for arg in "$@"; do
    case "$arg" in
      --bootstrap-server|--bootstrap-server=*|--bootstrap-controller|--bootstrap-controller=*) return 0 ;;
    esac
  done
  return 1
}

# kafka_cli_exec <main class> [tool arguments...]
kafka_cli_exec() {
  local main="$1"
  shift
  local classpath
  classpath="$(kafka_cli_classpath)"
  local java="java"
  if [[ -n "${JAVA_HOME:-}" ]]; then
    java="$JAVA_HOME/bin/java"
  fi
  if ! kafka_cli_has_bootstrap "$@"; then
    set -- --bootstrap-server "$(kafka_cli_bootstrap)" "$@"
  fi
  # shellcheck disable=SC2086 # KAFKA_CLI_JAVA_OPTS is a list of flags on purpose
  exec "$java" ${KAFKA_CLI_JAVA_OPTS:-} \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$classpath" "$main" "$@"
}
