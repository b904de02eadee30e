# shellcheck shell=bash
# How the run command (scripts/run.sh) serves: Odoo's multi-process mode with
# its limits, sized from this machine, so that no request can keep a worker's
# memory (a worker whose memory is over limit_memory_soft after a request is
# replaced; one that reaches limit_memory_hard during a request is stopped)
# and one slow request holds one worker, not the server.
#
#   workers            2 x cores + 1 HTTP workers (Odoo's rule), fewer when 3/4 of
#                      the memory cannot give each one at least 512 MiB
#   max_cron_threads   1 (2 from 4 cores)
#   limit_memory_soft  each process's share of 3/4 of the memory (HTTP workers,
#                      cron, websocket and job runner processes), 512 to 640 MiB:
#                      a worker starts at about 270 MiB (virtual memory, as Odoo
#                      counts), so one that grew by a few hundred MiB in a request
#                      is replaced after it
#   limit_memory_hard  the soft limit + 1280 MiB: what one request may reach
#   queue_job          its runner is a process of the server (server_wide_modules
#                      in config/odoo.conf); channel root: half the HTTP workers, so
#                      background imports never take every worker
#
# CHANNEL_WORKERS overrides the number of workers. Sourced by run.sh; run on
# its own it prints the options, one per line (tests/test_serving.py starts a
# server with them).
#
# In this mode the browser's live updates (the /websocket route) are served on
# the gevent port (CHANNEL_GEVENT_PORT, default http port + 3); behind a reverse
# proxy, route /websocket there (Odoo's deployment guide).

serving_options() {
    local cores mem_mib workers cap share soft cron
    cores=$(nproc 2>/dev/null || echo 2)
    mem_mib=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo 2>/dev/null || true)
    mem_mib=${mem_mib:-4096}
    workers=$((2 * cores + 1))
    cap=$((mem_mib * 3 / 4 / 512 - 3))
    [ "$workers" -le "$cap" ] || workers=$cap
    [ "$workers" -ge 2 ] || workers=2
    workers=${CHANNEL_WORKERS:-$workers}
    share=$((mem_mib * 3 / 4 / (workers + 3)))
    soft=$share
    [ "$soft" -le 640 ] || soft=640
    [ "$soft" -ge 512 ] || soft=512
    cron=1
    [ "$cores" -lt 4 ] || cron=2
    echo "--workers=$workers"
    echo "--max-cron-threads=$cron"
    echo "--limit-memory-soft=$((soft * 1024 * 1024))"
    echo "--limit-memory-hard=$(((soft + 1280) * 1024 * 1024))"
}

# the queue_job channels for these workers (the runner reads this variable first)
serving_channels() {
    local workers
    workers=$(serving_options | sed -n 's/^--workers=//p')
    echo "root:$(( workers / 2 > 0 ? workers / 2 : 1 ))"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    serving_options
    echo "ODOO_QUEUE_JOB_CHANNELS=$(serving_channels)"
fi

# The reverse proxy in front of the workers, as Odoo's deployment guide puts it:
# nginx on the public port sends /websocket to the gevent port and everything
# else to the HTTP workers (Odoo runs with --proxy-mode behind it). Writes the
# configuration into $1 (a directory): nginx -c DIR/nginx.conf serves it.
# Arguments: DIR PUBLIC_PORT HTTP_PORT GEVENT_PORT
serving_proxy_config() {
    local dir=$1 public=$2 http=$3 gevent=$4
    mkdir -p "$dir"
    cat >"$dir/nginx.conf" <<NGINX
user $(id -un);
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    client_max_body_size 64m;
    proxy_read_timeout 720s;
    proxy_connect_timeout 720s;
    proxy_send_timeout 720s;
    map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
    upstream odoo { server 127.0.0.1:$http; }
    upstream odoochat { server 127.0.0.1:$gevent; }
    server {
        listen $public;
        proxy_set_header X-Forwarded-Host \$http_host;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_set_header X-Real-IP \$remote_addr;
        location /websocket {
            proxy_pass http://odoochat;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
        }
        location / {
            proxy_pass http://odoo;
            proxy_redirect off;
        }
    }
}
NGINX
}
