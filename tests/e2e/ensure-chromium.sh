#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser). Install it if missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "The browser tests need Debian's Chromium at /usr/bin/chromium: run 'apt-get install chromium' as root." >&2
  exit 1
fi
echo "Installing Debian's Chromium for the browser tests…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
