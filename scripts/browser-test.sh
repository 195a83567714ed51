#!/usr/bin/env bash
# The site in a real browser (CI): installs chromium and the Python packages when missing,
# builds, generates a site from the acceptance input (scripts/make-site.sh) into out/site,
# then opens its pages at 1280 px and 375 px (Tests/browser/test_site.py): console errors,
# failed loads, missing links, horizontal overflow, chart text size, axe-core WCAG 2 A/AA,
# strict HTML parse. Screenshots go to out/browser-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
swift build --product agcom-report
bash scripts/make-site.sh out/site >/dev/null
python3 Tests/browser/test_site.py out/site out/browser-screenshots
