#!/usr/bin/env bash
# Installs the Debian packages agcom-report needs, and the Python module its tests read
# workbooks with, when missing. Idempotent; runs as root without sudo (or through sudo when
# not root), and runs `apt-get update` only when something must be installed.
#
# `setup.sh --browser` installs, in addition, what the browser test of the site needs
# (scripts/browser-test.sh): Debian's chromium and chromium-driver, and the pinned PyPI
# packages of Tests/browser/requirements.txt (selenium, axe-selenium-python, html5lib),
# each only when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libcsv-dev libxml2-dev libxlsxwriter-dev libxml2-utils pkg-config tzdata python3 python3-pip)
browser=false
if [ "${1:-}" = "--browser" ]; then
  browser=true
  packages+=(chromium chromium-driver fonts-dejavu-core)
fi
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# pip installs only what is missing or at another version; Debian's own Python needs
# --break-system-packages to install outside a virtual environment.
pip_install() {
  local flags=(-q --disable-pip-version-check --root-user-action=ignore)
  if [[ $(python3 -m pip install --help) == *--break-system-packages* ]]; then
    flags+=(--break-system-packages)
  fi
  python3 -m pip install "${flags[@]}" "$@"
}

# The tests read the workbook back with openpyxl.
if ! python3 -c "import openpyxl" 2>/dev/null; then
  echo "setup: installing openpyxl==3.1.5" >&2
  pip_install "openpyxl==3.1.5"
fi

if $browser; then
  if ! python3 - <<'PY' 2>/dev/null; then
import importlib.metadata as m, pathlib, sys
for line in pathlib.Path("Tests/browser/requirements.txt").read_text().split():
    name, version = line.split("==")
    if m.version(name) != version:
        sys.exit(1)
PY
    echo "setup: installing Tests/browser/requirements.txt" >&2
    pip_install -r Tests/browser/requirements.txt
  fi
fi
