#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/*.png) from the browser test's: the site index
# and the annual report page at 1280 px, and the site index at 375 px.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/browser-test.sh
mkdir -p docs
cp out/browser-screenshots/site-desktop.png docs/site-index.png
cp out/browser-screenshots/site-phone.png docs/site-index-phone.png
cp out/browser-screenshots/2025-desktop.png docs/report-page.png
