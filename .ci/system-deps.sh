#!/usr/bin/env bash
# The system packages the test suite needs, checked before `make test` runs anything.
#
#   chromium            the browser tests drive Debian's /usr/bin/chromium (no Playwright download)
#   fonts-dejavu-core   a font for Chromium to render the pages with
#   dovecot-imapd       the IMAP tests start their own Dovecot on a free port
#   postgresql          initdb and pg_ctl for the throw-away cluster of .ci/with-postgres.sh
#   python3-venv        only when Python has no ensurepip (Debian's python3 without it)
#
# Everything present: exit 0, silently. Something missing and running as root with apt-get: install
# it (apt-get update first), then stop the packaged Dovecot service, which the tests do not use.
# Something missing otherwise: print the one command that installs it and exit 1.
set -euo pipefail

PY="${PY:-python3}"
missing=()
have_postgres() {
    local bin
    for bin in /usr/lib/postgresql/*/bin; do
        [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] && return 0
    done
    return 1
}
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
{ [ -x /usr/sbin/dovecot ] && [ -x /usr/lib/dovecot/imap ]; } || missing+=(dovecot-imapd)
have_postgres || missing+=(postgresql)
# Debian splits venv/ensurepip off python3; `make setup` needs it (python3-venv pulls in the
# versioned package for the default python3).
if ! "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1 && [ ! -x .venv/bin/python ]; then
    missing+=(python3-venv)
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing what the tests need: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    case " ${missing[*]} " in
        *" dovecot-imapd "*)
            # The packaged service is not used: the tests start their own server on a free port.
            (service dovecot stop || systemctl stop dovecot || true) >/dev/null 2>&1 ;;
    esac
    exit 0
fi

{
    echo "make test needs system packages that are missing: ${missing[*]}"
    if command -v apt-get >/dev/null 2>&1; then
        echo "Install them with:"
        echo
        echo "    sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends ${missing[*]}'"
        echo
        echo "then run make test again (as root, make test installs them itself)."
    else
        echo "These are Debian package names; install the equivalents for your system."
    fi
} >&2
exit 1
