#!/usr/bin/env bash
# The browser test drives /usr/bin/chromium with playwright-core (which downloads no browser):
# install Debian's chromium when it is missing. Used by .ci/run and by `npm test`. Exits non-zero,
# saying why, when it cannot.
set -uo pipefail
[ -x /usr/bin/chromium ] && exit 0
echo "▶ /usr/bin/chromium is missing: installing Debian's chromium"
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then as_root=(sudo); else
    echo "chromium is missing and this user cannot install it (not root, no sudo)" >&2
    exit 1
  fi
fi
if ! "${as_root[@]}" apt-get update || ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; then
  echo "could not install chromium with apt-get (is this Debian, with network access?)" >&2
  exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "apt-get installed chromium, but /usr/bin/chromium is still missing" >&2
  exit 1
fi
