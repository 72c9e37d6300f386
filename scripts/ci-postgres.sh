#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for CI and local runs of the server suite against a real server.
#
#   scripts/ci-postgres.sh run <command...>   start a cluster, run the command with DATABASE_URL and
#                                             TEST_DATABASE_URL set, stop and delete the cluster, exit
#                                             with the command's status
#   eval "$(scripts/ci-postgres.sh start)"    start one and export DATABASE_URL, TEST_DATABASE_URL, CI_PG_DIR
#   scripts/ci-postgres.sh stop "$CI_PG_DIR"  stop it and delete its folder
#
# Uses the Debian packages (/usr/lib/postgresql/<version>/bin). As root, the cluster runs as the
# `postgres` system user. It listens on 127.0.0.1 only, on a free port, with fsync off.
set -euo pipefail

pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z "$d" ]] && command -v pg_config >/dev/null; then d=$(pg_config --bindir); fi
  if [[ -z "$d" || ! -x "$d/initdb" ]]; then
    echo "ci-postgres: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "$d"
}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start() {
  local bin dir port user=tickstep password=tickstep db=tickstep_test
  bin=$(pg_bin)
  dir=$(mktemp -d /tmp/tickstep-pg.XXXXXX)
  chmod 755 "$dir"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
  printf '%s\n' "$password" > "$dir/pwfile"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir/pwfile"
  as_owner "$bin/initdb" -D "$dir/data" -U "$user" --pwfile="$dir/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2; exit 1; }
  port=$(free_port)
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h "$dir" -p "$port" -U "$user" "$db"
  local url="postgres://$user:$password@127.0.0.1:$port/$db"
  echo "export CI_PG_DIR='$dir'"
  echo "export DATABASE_URL='$url'"
  echo "export TEST_DATABASE_URL='$url'"
}

stop() {
  local dir=${1:?usage: ci-postgres.sh stop <dir>}
  local bin
  bin=$(pg_bin)
  [[ -d "$dir/data" ]] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "$@" ;;
  run)
    shift
    [[ $# -gt 0 ]] || { echo "usage: ci-postgres.sh run <command...>" >&2; exit 2; }
    eval "$(start)"
    trap 'stop "$CI_PG_DIR"' EXIT
    echo "ci-postgres: PostgreSQL on ${TEST_DATABASE_URL//:tickstep@/:***@}" >&2
    set +e
    "$@"
    status=$?
    set -e
    exit $status
    ;;
  *) echo "usage: ci-postgres.sh start | stop <dir> | run <command...>" >&2; exit 2 ;;
esac
