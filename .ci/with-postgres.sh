#!/usr/bin/env bash
# Run a command with a throw-away PostgreSQL cluster: `.ci/with-postgres.sh COMMAND [ARG...]`.
#
# The cluster lives in a fresh temporary folder, listens on 127.0.0.1 on a free port (and on a Unix
# socket in that folder only), and is exported to COMMAND as AFTERWORD_TEST_PG_URL. When COMMAND ends,
# passes, fails or is interrupted, the server is stopped and the folder removed; the exit status is
# COMMAND's. As root the cluster belongs to the `postgres` user (initdb refuses root).
# Needs initdb and pg_ctl (Debian: postgresql, any major version). If AFTERWORD_TEST_PG_URL is set
# already, that server is used and nothing is started. For a cluster that outlives one run, see
# .ci/postgres.sh.
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi
if [ -n "${AFTERWORD_TEST_PG_URL:-}" ]; then
    exec "$@"
fi

bindir=""
for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && bindir="$candidate"
done
if [ -z "$bindir" ] && command -v pg_config >/dev/null 2>&1; then
    bindir="$(pg_config --bindir)"
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "with-postgres.sh: initdb not found (Debian: apt-get install postgresql)" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_pg() { runuser -u postgres -- "$@"; }
    # /tmp, not $TMPDIR: the postgres user must be able to reach the folder.
    dir="$(mktemp -d /tmp/afterword-pg.XXXXXX)"
    chown postgres: "$dir"
else
    as_pg() { "$@"; }
    dir="$(mktemp -d "${TMPDIR:-/tmp}/afterword-pg.XXXXXX")"
fi
data="$dir/data"

stop() {
    if [ -s "$data/postmaster.pid" ]; then
        as_pg "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
user="afterword" password="afterword" db="afterword_test"

as_pg "$bindir/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
}
if ! as_pg "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" \
    start >/dev/null; then
    cat "$dir/server.log" >&2
    exit 1
fi
psql=("$bindir/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
as_pg "${psql[@]}" -c "CREATE ROLE $user LOGIN PASSWORD '$password' CREATEDB" >/dev/null
# DROP DATABASE … WITH (FORCE) in the tests must end an autovacuum worker in that database too.
as_pg "${psql[@]}" -c "GRANT pg_signal_backend TO $user" >/dev/null
as_pg "${psql[@]}" -c "CREATE DATABASE $db OWNER $user" >/dev/null

export AFTERWORD_TEST_PG_URL="postgresql://$user:$password@127.0.0.1:$port/$db"
echo "== PostgreSQL $(basename "$(dirname "$bindir")") for the tests on 127.0.0.1:$port (in $dir, removed afterwards)"
# Not exec: the EXIT trap must run after COMMAND.
status=0
"$@" || status=$?
exit "$status"
