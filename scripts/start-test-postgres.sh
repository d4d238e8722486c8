#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on 127.0.0.1 for the PostgreSQL store tests and prints three export lines
# (the only output on stdout; progress goes to stderr):
#   export DLBENCH_TEST_POSTGRES_URL=postgres://dlbench@127.0.0.1:PORT/dlbench
#   export PGPASSWORD=...                  (random, new at every start)
#   export DLBENCH_TEST_POSTGRES_DIR=...   (give it to scripts/stop-test-postgres.sh)
#   Usage: eval "$(scripts/start-test-postgres.sh [--install])"
# Finds initdb/pg_ctl on PATH or under /usr/lib/postgresql/*/bin; when they are missing it installs Debian's
# postgresql under CI or with --install, and otherwise exits 3. Durability is off (fsync, full_page_writes):
# the cluster is for tests only. As root the server runs as the user postgres (or a system user dlbench-pg).
set -euo pipefail
exec 3>&1 1>&2 # stdout is for the export lines only
here="$(cd "$(dirname "$0")" && pwd)"

install=""
case "${1:-}" in
  --install) install=1 ;;
  "") ;;
  *) echo "usage: $0 [--install]" >&2; exit 2 ;;
esac
[ -n "${CI:-}" ] && install=1

find_bin() {
  local initdb dir
  if initdb="$(command -v initdb)"; then
    dir="$(dirname "$(readlink -f "$initdb")")"
    if [ -x "$dir/pg_ctl" ] && [ -x "$dir/createdb" ]; then echo "$dir"; return; fi
  fi
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  return 1
}

if ! bin="$(find_bin)"; then
  if [ -z "$install" ]; then
    echo "dlbench: PostgreSQL (initdb, pg_ctl) not found; install it (Debian/Ubuntu: apt-get install postgresql) or run $0 --install" >&2
    exit 3
  fi
  "$here/apt-install.sh" postgresql
  bin="$(find_bin)" || { echo "dlbench: installed postgresql but found no initdb/pg_ctl" >&2; exit 1; }
fi

# initdb and postgres refuse to run as root.
user="$(id -un)"
if [ "$(id -u)" -eq 0 ]; then
  if id postgres >/dev/null 2>&1; then
    user=postgres
  else
    id dlbench-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin dlbench-pg
    user=dlbench-pg
  fi
fi
as_user() {
  if [ "$user" = "$(id -un)" ]; then "$@"
  elif command -v runuser >/dev/null 2>&1; then runuser -u "$user" -- "$@"
  else su -s /bin/bash "$user" -c "$(printf '%q ' "$@")"
  fi
}

dir="$(mktemp -d /tmp/dlbench-pg.XXXXXX)" # short: the socket path must stay under 108 bytes
data="$dir/data"
log="$dir/postgres.log"
started=""
cleanup() {
  [ -n "$started" ] && as_user "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
chown "$user" "$dir"
chmod 700 "$dir"
cd "$dir" # the server's user must be able to enter its working directory

password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$password" >"$dir/pwfile"
chown "$user" "$dir/pwfile"
if ! as_user "$bin/initdb" -D "$data" --auth=scram-sha-256 --username=dlbench --pwfile="$dir/pwfile" \
    -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  exit 1
fi
rm -f "$dir/pwfile"
cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

port_free() {
  if command -v ss >/dev/null 2>&1; then
    [ -z "$(ss -Hltn "sport = :$1")" ]
  else
    ! (exec 9<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# Another start may take the same port between the check and the bind: then try the next one.
port=54329
while :; do
  if [ "$port" -ge 54429 ]; then echo "dlbench: no free port in 54329-54428" >&2; exit 1; fi
  if port_free "$port"; then
    started=1
    # 3>&-: the server must not hold the caller's stdout open, or "$(start-test-postgres.sh)" never returns.
    if as_user "$bin/pg_ctl" -D "$data" -l "$log" -o "-p $port" -w -t 60 start >/dev/null 3>&-; then break; fi
    started=""
    echo "dlbench: port $port taken meanwhile; trying the next" >&2
    if ! grep -q "could not bind\|could not create any TCP/IP sockets" "$log"; then cat "$log" >&2; exit 1; fi
  fi
  port=$((port + 1))
done

PGPASSWORD="$password" "$bin/createdb" -h 127.0.0.1 -p "$port" -U dlbench -O dlbench dlbench
echo "dlbench: PostgreSQL $(cat "$data/PG_VERSION") on 127.0.0.1:$port as $user in $dir" >&2
trap - EXIT
echo "export DLBENCH_TEST_POSTGRES_URL=postgres://dlbench@127.0.0.1:$port/dlbench" >&3
echo "export PGPASSWORD=$password" >&3
echo "export DLBENCH_TEST_POSTGRES_DIR=$dir" >&3
