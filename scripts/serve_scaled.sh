#!/usr/bin/env bash
# Serve the app for a class: N Streamlit processes behind Debian's nginx with sticky sessions, on one machine.
#
#   bash scripts/serve_scaled.sh [N] [--port 8080] [--address 0.0.0.0] [--run-dir DIR] [-- streamlit options]
#
# N defaults to the number of cores (one process uses about one core). Sets up .venv like .ci/start, installs
# Debian's nginx if it is missing (root or sudo), starts the app processes on 127.0.0.1:8601.. and nginx on
# --port, and waits. Open http://<this machine>:8080. Ctrl-C stops nginx and every app process. A crashed app
# process is restarted. Config (rendered from deploy/nginx/streamlit.conf.template), pid and logs go to a run
# directory (printed at start), never to /etc/nginx. See README, "Deploying for a class".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/.ci/setup"
source "$here/.ci/nginx.sh"
ensure_nginx
cd "$here"
processes="$(nproc 2>/dev/null || echo 2)"
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then
  processes="$1"
  shift
fi
exec .venv/bin/python -m deploy.scaled --processes "$processes" "$@"
