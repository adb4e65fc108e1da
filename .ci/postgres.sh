#!/usr/bin/env bash
# Sourced by .ci/test: make Debian's PostgreSQL server available for the classroom tests.
# The tests start their own throw-away cluster (initdb under /tmp, a free port on 127.0.0.1, stopped after the
# tests: tests/conftest.py, fixture `postgres_url`); nothing here starts a server or touches a system cluster.
# Usage: source .ci/postgres.sh && ensure_postgresql

postgres_bindir() {
  # the newest installed server's binaries (Debian keeps them out of PATH: /usr/lib/postgresql/<major>/bin)
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    echo "$dir"
  fi
}

ensure_postgresql() {
  if [ -n "$(postgres_bindir)" ]; then
    return 0
  fi
  echo "==> installing Debian's postgresql (for the classroom tests on PostgreSQL)"
  local sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  # apt may be busy with another install (chromium): wait for its lock instead of failing
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update -qq || true
  # the package would create and start a system cluster: tell it not to (the tests run their own)
  if [ ! -f /etc/postgresql-common/createcluster.conf ]; then
    $sudo_cmd mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | $sudo_cmd tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  if ! DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y -qq postgresql >/dev/null; then
    echo "==> could not install postgresql: the PostgreSQL classroom tests will be skipped (SQLite ones run)"
    return 0
  fi
  # the tests find the server through POSTGRES_BINDIR (or this same search)
  export POSTGRES_BINDIR="$(postgres_bindir)"
}
