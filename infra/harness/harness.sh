#!/usr/bin/env bash
# Runs a harness main class on the module's build output, e.g.
#   infra/harness/harness.sh io.switchboard.harness.chaos.ChaosMain --orgs=600
# Build first: mvn -B -q -o -pl infra/harness install -DskipTests  (after one root `mvn -q -o install -DskipTests`).
#
# Other people build in the same checkout: a `mvn install` that replaces a Switchboard jar under a running JVM breaks
# its class loading (NoClassDefFoundError). So the Switchboard jars and classes are first copied to a private
# snapshot, and this JVM and every service process it starts (-Dharness.classpath) run from that snapshot.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
main="$1"; shift
snap="$(mktemp -d "${TMPDIR:-/tmp}/sb-harness-cp.XXXXXX")"
cp_entries=()
IFS=':' read -r -a deps < "$here/target/classpath.txt" || true  # no trailing newline: read returns 1
for entry in "$here/target/classes" "${deps[@]}"; do
  case "$entry" in
    */io/switchboard/*|*/target/classes|*/target/*.jar)
      copy="$snap/$(printf '%s' "$entry" | md5sum | cut -c1-8)-$(basename "$entry")"
      cp -r "$entry" "$copy"
      cp_entries+=("$copy");;
    *) cp_entries+=("$entry");;
  esac
done
classpath="$(IFS=':'; echo "${cp_entries[*]}")"
# Service processes get the snapshot without the harness's own classes (and so without its quieter logback.xml).
child_classpath="$(IFS=':'; echo "${cp_entries[*]:1}")"
exec java ${HARNESS_JAVA_OPTS:--Xmx3g} -Dharness.classpath="$child_classpath" -cp "$classpath" "$main" "$@"
