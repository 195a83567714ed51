#!/usr/bin/env python3
"""The site in a real browser (issue 11, SPEC §6): Debian's chromium driven by selenium.

Usage: test_site.py SITE_DIR [SCREENSHOT_DIR]

SITE_DIR is an output directory with several reports and its site index (scripts/make-site.sh
makes one from the acceptance input). Every page checked — the site index, a semi-annual
report and an annual report — is opened at 1280 px and at 375 px wide, and the test fails on:
- any console error, or any resource that fails to load;
- a relative link or download that points to no file;
- horizontal overflow of the document (a wide table may scroll inside its own box only);
- chart text smaller than 11 CSS pixels on the screen;
- any axe-core violation of WCAG 2 A/AA (axe-core as bundled by axe-selenium-python);
and it writes a PNG screenshot of each page at each width into SCREENSHOT_DIR. Each page must
also parse with html5lib in strict mode (any parse error fails).
"""
import pathlib
import sys
import urllib.parse

import html5lib
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}
# The WCAG 2 A/AA rules of the axe-core that axe-selenium-python bundles (3.1: it tags its
# WCAG 2.1 rules `wcag21aa` only; a tag it does not know is an error).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]
MINIMUM_CHART_TEXT_PX = 11.0


def pages(site: pathlib.Path) -> list[pathlib.Path]:
    reports = sorted(p.parent for p in site.glob("*/index.html"))
    semiannual = [p for p in reports if "-H" in p.name]
    annual = [p for p in reports if "-H" not in p.name]
    if not semiannual or not annual:
        sys.exit(f"{site}: needs a semi-annual and an annual report, found {[p.name for p in reports]}")
    return [site / "index.html", semiannual[-1] / "index.html", annual[-1] / "index.html"]


def strict_parse(page: pathlib.Path) -> list[str]:
    parser = html5lib.HTMLParser(strict=True)
    try:
        parser.parse(page.read_bytes())
    except html5lib.html5parser.ParseError as error:
        return [f"{page}: strict HTML parse: {error}"]
    return []


def browser() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--allow-file-access-from-files", "--force-color-profile=srgb", "--hide-scrollbars"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    # axe-core takes a while on a long page on a busy machine.
    driver.set_script_timeout(600)
    driver.set_page_load_timeout(120)
    return driver


def check_page(driver, page: pathlib.Path, width_name: str, shots: pathlib.Path) -> list[str]:
    width, height = WIDTHS[width_name]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width_name == "phone"})
    driver.get_log("browser")  # drop what an earlier page logged
    driver.get(page.resolve().as_uri())
    where = f"{page} at {width} px"
    problems = []
    for entry in driver.get_log("browser"):
        if entry["level"] in ("SEVERE", "ERROR"):
            problems.append(f"{where}: console error: {entry['message']}")
    failed = driver.execute_script("""
        return performance.getEntriesByType('resource')
          .filter(e => e.responseStatus >= 400 || (e.transferSize === 0 && e.decodedBodySize === 0
                                                  && e.name.startsWith('http')))
          .map(e => e.name);""")
    problems += [f"{where}: resource failed to load: {name}" for name in failed]
    hrefs = driver.execute_script(
        "return Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'));")
    for href in hrefs:
        if href.startswith("#"):
            if not driver.execute_script("return document.getElementById(arguments[0]) !== null;", href[1:]):
                problems.append(f"{where}: link to a missing anchor {href}")
            continue
        if urllib.parse.urlparse(href).scheme or href.startswith("/"):
            problems.append(f"{where}: link is not relative: {href}")
            continue
        target = (page.parent / urllib.parse.unquote(href.split("#")[0])).resolve()
        if not target.is_file():
            problems.append(f"{where}: link to a missing file {href}")
    overflow = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")
    if overflow[0] > overflow[1]:
        problems.append(f"{where}: the document scrolls sideways ({overflow[0]} px wide in {overflow[1]} px)")
    small = driver.execute_script("""
        const minimum = arguments[0];
        const found = [];
        for (const text of document.querySelectorAll('svg text')) {
          const box = text.getBoundingClientRect();
          if (box.width === 0) continue;
          const size = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
          if (size < minimum) found.push(text.textContent + ' (' + size.toFixed(1) + ' px)');
        }
        return found.slice(0, 5);""", MINIMUM_CHART_TEXT_PX)
    problems += [f"{where}: chart text too small: {text}" for text in small]
    Axe(driver).inject()
    # axe.run's promise, rejected as well as resolved (Axe.run would wait for ever on an error).
    results = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})
          .then(results => done(results), error => done({error: String(error)}));""", AXE_TAGS)
    if "error" in results:
        return problems + [f"{where}: axe-core failed: {results['error']}"]
    for violation in results["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:3]
        problems.append(f"{where}: axe {violation['id']}: {violation['help']} {targets}")
    # Back to the top of the page and of every scrolling box (axe scrolls to what it checks).
    driver.execute_script(
        "document.querySelectorAll('.scroll').forEach(e => e.scrollLeft = 0); window.scrollTo(0, 0);")
    shots.mkdir(parents=True, exist_ok=True)
    name = page.parent.name if (page.parent / "manifest.json").exists() else "site"
    shot = shots / f"{name}-{width_name}.png"
    # The top of the page, up to twice the window's height.
    full = driver.execute_script("return document.documentElement.scrollHeight;")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": min(full, height * 2), "deviceScaleFactor": 1,
        "mobile": width_name == "phone"})
    driver.save_screenshot(str(shot))
    print(f"checked {where}: {len(results['passes'])} axe rules passed, screenshot {shot}")
    return problems


def main() -> int:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    site = pathlib.Path(sys.argv[1])
    shots = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else site.parent / "browser-screenshots"
    checked = pages(site)
    problems = [problem for page in checked for problem in strict_parse(page)]
    driver = browser()
    try:
        for page in checked:
            for width_name in WIDTHS:
                problems += check_page(driver, page, width_name, shots)
    finally:
        driver.quit()
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"browser test: {len(checked)} pages x {len(WIDTHS)} widths, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
