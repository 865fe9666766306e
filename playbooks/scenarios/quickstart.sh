#!/usr/bin/env bash
# Runs the quickstart rehearsal in a fresh database and prints its score.
# Usage (from the project folder): playbooks/scenarios/quickstart.sh [WORK_DIR]
# The keystores of a rehearsal are throwaway: the password is random, kept in the environment of
# this run only, never printed. The database stays in WORK_DIR for 'rehearsal score' and reports.
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=target/solr-toolkit.jar
if [ ! -f "$jar" ]; then
  echo "building $jar (mvn -B -q package -DskipTests)" >&2
  mvn -B -q package -DskipTests
fi
work="${1:-$(mktemp -d -t solr-quickstart-XXXXXX)}"
mkdir -p "$work"
if [ -e "$work/quickstart.db" ]; then
  echo "$work/quickstart.db exists: a rehearsal starts in a new database; give another folder" >&2
  exit 1
fi
SOLR_TOOLKIT_KEYSTORE_PASSWORD="$(head -c 24 /dev/urandom | base64)"
export SOLR_TOOLKIT_KEYSTORE_PASSWORD
java -jar "$jar" --db "$work/quickstart.db" @playbooks/scenarios/quickstart.txt
status=$?
echo "database: $work/quickstart.db (java -jar $jar --db $work/quickstart.db rehearsal score)" >&2
exit $status
