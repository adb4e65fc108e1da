#!/usr/bin/env bash
# Sourced by scripts/serve_scaled.sh (and .ci/test): defines ensure_nginx, which installs Debian's nginx with
# apt-get if no nginx binary is found (as root, or with sudo). Only the binary is used: every run renders its own
# config from deploy/nginx/ into a run directory, so the package's /etc/nginx and its service are never touched.
# Usage: source .ci/nginx.sh && ensure_nginx

nginx_bin() {
  command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || return 1
}

ensure_nginx() {
  if nginx_bin >/dev/null; then
    return 0
  fi
  echo "==> installing Debian's nginx (only its binary is used; its system service is not started)"
  local sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  # policy-rc.d 101 keeps dpkg from starting the nginx service (it would take port 80); removed right after.
  local policy=/usr/sbin/policy-rc.d made_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee "$policy" >/dev/null && $sudo_cmd chmod +x "$policy" && made_policy=1
  fi
  local status=0
  $sudo_cmd apt-get update -qq || status=$?
  if [ "$status" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends nginx >/dev/null || status=$?
  fi
  if [ -n "$made_policy" ]; then
    $sudo_cmd rm -f "$policy"
  fi
  [ "$status" -eq 0 ] && nginx_bin >/dev/null
}
