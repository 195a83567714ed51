#!/usr/bin/env bash
# Installs the Debian packages agcom-report needs, and the Python modules its test scripts
# use, when missing. Idempotent; runs as root without sudo (or through sudo when not root),
# and runs `apt-get update` only when something must be installed.
set -euo pipefail

packages=(libcsv-dev libxml2-dev libxlsxwriter-dev libxml2-utils pkg-config tzdata python3 python3-pip)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python modules (PyPI, pinned): openpyxl reads the workbook back in the tests.
modules=("openpyxl==3.1.5")
for requirement in "${modules[@]}"; do
  module="${requirement%%==*}"
  if ! python3 -c "import $module" 2>/dev/null; then
    echo "setup: installing $requirement" >&2
    python3 -m pip install --quiet "$requirement" 2>/dev/null \
      || python3 -m pip install --quiet --break-system-packages "$requirement"
  fi
done
