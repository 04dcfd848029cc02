#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster for the store tests and print its URL (idempotent).
#
# Needs the Debian package `postgresql` (any major version); installs nothing. Run as root:
#     export AFTERWORD_TEST_PG_URL="$(.ci/postgres.sh)"
# or source it (`. .ci/postgres.sh`), which exports AFTERWORD_TEST_PG_URL itself.
# The cluster lives in $AFTERWORD_PG_DIR (default /var/tmp/afterword-pg), listens on 127.0.0.1
# port $AFTERWORD_PG_PORT (default 54329) and is owned by the `postgres` user, because initdb
# refuses to run as root. Diagnostics go to stderr; stdout carries only the URL.

_afterword_pg() (
    set -euo pipefail
    local dir="${AFTERWORD_PG_DIR:-/var/tmp/afterword-pg}"
    local port="${AFTERWORD_PG_PORT:-54329}"
    local user="afterword" password="afterword" db="afterword_test"
    local bindir
    bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
        echo "postgres.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2
        return 1
    fi
    id postgres >/dev/null 2>&1 || { echo "postgres.sh: no postgres user" >&2; return 1; }
    as_pg() { runuser -u postgres -- "$@"; }

    if [ ! -s "$dir/PG_VERSION" ]; then
        mkdir -p "$dir"
        chown postgres: "$dir"
        chmod 700 "$dir"
        as_pg "$bindir/initdb" -D "$dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
            -E UTF8 --locale=C.UTF-8 >&2
    fi
    if ! as_pg "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
        as_pg "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >&2
    fi
    local psql=("$bindir/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
    if [ "$(as_pg "${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != "1" ]; then
        as_pg "${psql[@]}" -c "CREATE ROLE $user LOGIN PASSWORD '$password' CREATEDB" >&2
        # DROP DATABASE … WITH (FORCE) in the tests must end an autovacuum worker in that database too.
        as_pg "${psql[@]}" -c "GRANT pg_signal_backend TO $user" >&2
    fi
    if [ "$(as_pg "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
        as_pg "${psql[@]}" -c "CREATE DATABASE $db OWNER $user" >&2
    fi
    echo "postgresql://$user:$password@127.0.0.1:$port/$db"
)

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    _afterword_pg
else
    AFTERWORD_TEST_PG_URL="$(_afterword_pg)" && export AFTERWORD_TEST_PG_URL
    unset -f _afterword_pg
fi
