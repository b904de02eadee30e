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
