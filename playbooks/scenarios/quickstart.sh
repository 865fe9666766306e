#!/usr/bin/env bash
# Runs the quickstart rehearsal in a fresh database and prints its score.
# Usage (from the project folder): playbooks/scenarios/quickstart.sh [WORK_DIR]
# The keystores of a rehearsal are throwaway: the password is random, never printed, and kept in
# WORK_DIR/keystore-password (readable by you only) for the commands you run next with
# --password-file. The database stays in WORK_DIR for 'rehearsal score', reports and a recovery.
set -euo pipefail
cd "$(dirname "$0")/../.."
solr=target/solr-toolkit/bin/solr-toolkit
if [ ! -f target/solr-toolkit/solr-toolkit.jar ]; then
  echo "building the toolkit (mvn -B -q package -DskipTests)" >&2
  mvn -B -q package -DskipTests
fi
work="${1:-$(mktemp -d -t solr-quickstart-XXXXXX)}"
mkdir -p "$work"
if [ -e "$work/quickstart.db" ]; then
  echo "$work/quickstart.db exists: a rehearsal starts in a new database; give another folder" >&2
  exit 1
fi
umask 077
head -c 24 /dev/urandom | base64 > "$work/keystore-password"
SOLR_TOOLKIT_KEYSTORE_PASSWORD="$(cat "$work/keystore-password")"
export SOLR_TOOLKIT_KEYSTORE_PASSWORD
status=0
"$solr" --db "$work/quickstart.db" @playbooks/scenarios/quickstart.txt || status=$?
echo "database: $work/quickstart.db; keystore password file: $work/keystore-password" >&2
echo "next: $solr --db $work/quickstart.db report event --out $work/report" >&2
exit $status
