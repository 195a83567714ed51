#!/usr/bin/env bash
# Installs the Debian packages agcom-report needs, when missing. Idempotent; runs as
# root without sudo (or through sudo when not root), and runs `apt-get update` only
# when something must be installed.
set -euo pipefail

packages=(libcsv-dev libxml2-dev libxml2-utils pkg-config tzdata)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
