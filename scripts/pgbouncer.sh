#!/usr/bin/env bash
# A throwaway PgBouncer in transaction mode in front of a test cluster: `start DIR URL` prints the
# pooled URL (same user and database names); `stop DIR` ends it. PgBouncer refuses root, so as
# root it runs as the postgres user. Needs Debian's pgbouncer package.
set -euo pipefail

cmd=${1:?usage: pgbouncer.sh start DIR URL | stop DIR}
dir=${2:?usage: pgbouncer.sh start DIR URL | stop DIR}

bin=$(command -v pgbouncer || ls /usr/sbin/pgbouncer 2>/dev/null || true)

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    url=${3:?usage: pgbouncer.sh start DIR URL}
    [ -n "$bin" ] || { echo "PgBouncer is not installed" >&2; exit 1; }
    mkdir -p "$dir"
    # postgres://user@host:port/db
    rest=${url#*://}
    user=${rest%%@*}
    hostport=${rest#*@}
    hostport=${hostport%%/*}
    host=${hostport%%:*}
    port=${hostport##*:}
    pport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
      || node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=$host port=$port user=$user

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $pport
unix_socket_dir =
auth_type = any
admin_users = $user
pool_mode = transaction
default_pool_size = 20
max_client_conn = 200
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
    [ "$(id -u)" = 0 ] && chown -R postgres: "$dir"
    as_owner "$bin" -d "$dir/pgbouncer.ini" >/dev/null
    for _ in $(seq 1 50); do
      (exec 3<>"/dev/tcp/127.0.0.1/$pport") 2>/dev/null && break
      sleep 0.1
    done
    echo "postgres://$user@127.0.0.1:$pport/${url##*/}"
    ;;
  stop)
    if [ -f "$dir/pgbouncer.pid" ]; then kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pgbouncer.sh start DIR URL | stop DIR" >&2
    exit 2
    ;;
esac
