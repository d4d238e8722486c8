#!/usr/bin/env bash
# Stops a server that scripts/start-test-postgres.sh started and removes its directory.
#   Usage: scripts/stop-test-postgres.sh [DIR]   (default: $DLBENCH_TEST_POSTGRES_DIR)
set -euo pipefail

dir="${1:-${DLBENCH_TEST_POSTGRES_DIR:-}}"
case "$dir" in
  /tmp/dlbench-pg.*) ;;
  *) echo "usage: $0 DIR (a /tmp/dlbench-pg.* directory from start-test-postgres.sh)" >&2; exit 2 ;;
esac
data="$dir/data"
if [ -f "$data/PG_VERSION" ]; then
  bin="/usr/lib/postgresql/$(cat "$data/PG_VERSION")/bin"
  [ -x "$bin/pg_ctl" ] || bin="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
  user="$(stat -c %U "$data")"
  run=("$bin/pg_ctl" -D "$data")
  [ "$user" = "$(id -un)" ] || run=(runuser -u "$user" -- "${run[@]}")
  if (cd "$dir" && "${run[@]}" status >/dev/null 2>&1); then
    (cd "$dir" && "${run[@]}" -m fast -w stop >/dev/null)
  fi
fi
rm -rf "$dir"
