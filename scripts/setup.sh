#!/usr/bin/env bash
# Installs everything gazette-kg needs on a fresh Debian machine: the CJK font
# for charts, Chromium for the browser tests, and the Python package with its
# pinned dependencies. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "setup: not root and no sudo: install fonts-noto-cjk and chromium yourself" >&2; return 0; fi
  fi
  if ! dpkg -s fonts-noto-cjk chromium >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends fonts-noto-cjk chromium >/dev/null
  fi
}

if command -v apt-get >/dev/null 2>&1; then apt_install; fi
python3 -m pip install -q --disable-pip-version-check -e ".[dev]"
echo "setup: done ($(kg --version))"
