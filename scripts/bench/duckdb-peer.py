#!/usr/bin/env python3
"""The DuckDB peer of `agcom-report run --period P` (issue 14, target 1).

Usage: duckdb-peer.py INPUT_DIR PERIOD [--care] [--threads 2] [--output FILE] [--timing]

Computes `results-<PERIOD>.csv` (SPEC §5.1) from the same CSV exports with SQL, as a data
engineer would write it for this operator: the settings are those of samples/acceptance.yaml
(and, with --care, samples/acceptance-care.yaml: calls and surveys, TMO, C20, ISC), written
out below rather than read from the YAML. The SQL does all the work on the rows - reading,
typing, the row rules that decide what counts (SPEC §2.3: missing or unparseable values,
unknown codes, undeclared exclusion causes, completion before order, the calls' and
surveys' own rules), de-duplication (SPEC §2.2: latest `updated_at`, then the row read last,
files in path order; rejected rows take no part), Europe/Rome elapsed time with the fold's
first occurrence and the gap moved forward (SPEC §3), the working calendar (national
holidays, Easter Monday, 4 Oct from 2026), nearest-rank percentiles with `quantile_disc`,
and every aggregate per column and segment (GROUPING SETS). Python then only formats the
few hundred aggregates: half-up rounding on exact fractions, targets, `met`, row order.

Orders, tickets, invoices and calls are read with their column types (DuckDB parses the
dates and times; a row whose value does not parse goes to DuckDB's rejects table,
`store_rejects`), the small census and surveys as text checked in SQL.

What the peer leaves out, because no figure depends on it: reject files and their reasons
(rows are dropped, not described), the manifest, the report models; it does fail, like the
tool, when a source's rejected share exceeds 0.5 %. It reads the canonical format the
acceptance data and the benchmark generators write (`,`, UTF-8, canonical headers and
values matched exactly, times `yyyy-MM-dd HH:mm[:ss]`, dates `yyyy-MM-dd`), not the tool's
auto-detection, mappings, case-insensitive values or second date format.

Prints the results to --output (default stdout); with --timing, "seconds" of the work
(connect to results written) on stderr.
"""
import argparse
import datetime
import glob
import os
import sys
import time
from fractions import Fraction

import duckdb

# --- The settings of samples/acceptance.yaml (and acceptance-care.yaml with --care). -----
EXCLUSIONS = {
    "orders": ["customer_delay", "force_majeure"],
    "tickets": ["force_majeure"],
    "calls": ["test_call", "mass_outage"],
}
LOCAL_HOLIDAYS = []  # calendar.local_holidays: none
ATT_CONTRACT_DAYS = [("own", 60), ("wholesale", 90)]  # (access, days): first match wins
RIP_WORKING_DAYS = 4
REC_TERM_DAYS = 30
C20_WITHIN = 20
C20_SHORT_ABANDON = 5
SCALE = (1, 10)
THRESHOLD = Fraction(5, 1000)
BREAKDOWNS = {
    "ATT": ["access", "technology", "customer"], "GUA": ["access", "technology"],
    "RIP": ["access", "technology"], "FAT": ["customer"], "ACC": ["customer"], "REC": [],
    "TMO": ["customer"], "C20": ["customer"], "ISC": [],
}
ANNUAL_BREAKDOWNS = {"ATT": ["region"]}
TARGETS = {
    ("ATT", "P95", "TOT"): "30", ("ATT", "P95", "access=own"): "20", ("ATT", "P95", "access=wholesale"): "45",
    ("ATT", "P99", "TOT"): "60", ("ATT", "ON_TIME", "TOT"): "95", ("GUA", "RATE", "TOT"): "12",
    ("RIP", "P80", "TOT"): "40", ("RIP", "P95", "TOT"): "110", ("RIP", "ON_TIME", "TOT"): "90",
    ("FAT", "RATE", "TOT"): "1.5", ("ACC", "RATE", "TOT"): "2", ("REC", "P80", "TOT"): "912",
    ("REC", "P90", "TOT"): "1000", ("REC", "ON_TIME", "TOT"): "95",
}
CARE_TARGETS = {("TMO", "MEAN", "TOT"): "150", ("C20", "ON_TIME", "TOT"): "40", ("ISC", "M1", "TOT"): "20"}
TIME = "%Y-%m-%d %H:%M"
CALL_TIME = "%Y-%m-%d %H:%M:%S"

# measure → (unit, decimals, met when value <= target)
MEASURES = {
    ("ATT", "P95"): ("days", 0, True), ("ATT", "P99"): ("days", 0, True), ("ATT", "ON_TIME"): ("percent", 1, False),
    ("GUA", "RATE"): ("percent", 2, True),
    ("RIP", "P80"): ("hours", 1, True), ("RIP", "P95"): ("hours", 1, True), ("RIP", "ON_TIME"): ("percent", 1, False),
    ("FAT", "RATE"): ("percent", 2, True), ("ACC", "RATE"): ("percent", 2, True),
    ("REC", "P80"): ("hours", 1, True), ("REC", "P90"): ("hours", 1, True), ("REC", "ON_TIME"): ("percent", 1, False),
    ("TMO", "MEAN"): ("seconds", 0, True), ("C20", "ON_TIME"): ("percent", 1, False),
    ("ISC", "M1"): ("percent", 1, False), ("ISC", "M2"): ("mos", 2, False), ("ISC", "M3"): ("mos", 2, False),
    ("ISC", "M4"): ("mos", 2, False), ("ISC", "M5"): ("mos", 2, False),
}
CATALOGUE = ["ATT", "GUA", "RIP", "FAT", "ACC", "REC", "TMO", "C20", "ISC"]
MEASURE_ORDER = list(MEASURES)  # catalogue order of the measures of each indicator
DIMENSIONS = ["service", "access", "technology", "customer", "region"]

# Europe/Rome (EU rule since 1996): CEST from the last Sunday of March, 02:00 local (01:00 UTC),
# to the last Sunday of October, 03:00 CEST (01:00 UTC). A naive local time is +02:00 when it
# is at or after 03:00 on the March day and before 03:00 on the October day: a time in the
# March gap (02:00-02:59) takes +01:00, i.e. it is moved forward by the gap, and a time in the
# October fold (02:00-02:59, twice) takes +02:00, its first occurrence (SPEC §3). The 03:00 of
# both days, 1970-2100, are list literals indexed by the year (three times faster than
# computing the last Sundays on each row).


def _last_sunday(year, month):
    day = datetime.date(year, month, 31)
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


def _bounds(month):
    return ", ".join(f"TIMESTAMP '{_last_sunday(y, month)} 03:00'" for y in range(1970, 2101))


MACROS = f"""
CREATE MACRO v(x) AS nullif(trim(x), '');
CREATE MACRO utc_seconds(ts) AS
  epoch_ms(ts) // 1000 - CASE
    WHEN ts >= [{_bounds(3)}][year(ts) - 1969] AND ts < [{_bounds(10)}][year(ts) - 1969]
    THEN 7200 ELSE 3600 END;
"""


def files(root, source):
    """The source's files (`<source>/*.csv`), in path order (byte order of the relative path)."""
    found = glob.glob(os.path.join(root, source, "*.csv"))
    return sorted(found, key=lambda p: os.path.relpath(p, root).encode())


def read(source, paths):
    listed = ", ".join("'" + p.replace("'", "''") + "'" for p in paths)
    return (f"read_csv([{listed}], header = true, delim = ',', quote = '\"', escape = '\"', "
            f"all_varchar = true)")


def read_typed(source, paths, columns, timestamp):
    """Typed reading for the large sources: DuckDB parses dates and times itself, and a row
    whose value does not parse is rejected into `<source>_rejects` (store_rejects)."""
    listed = ", ".join("'" + p.replace("'", "''") + "'" for p in paths)
    types = ", ".join(f"'{name}': '{kind}'" for name, kind in columns)
    return (f"read_csv([{listed}], header = true, delim = ',', quote = '\"', escape = '\"', auto_detect = false, "
            f"columns = {{{types}}}, timestampformat = '{timestamp}', dateformat = '%Y-%m-%d', "
            f"store_rejects = true, rejects_table = '{source}_rejects', rejects_scan = '{source}_scan')")


def easter(year):
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return datetime.date(year, month, day)


def holidays(first, last):
    days = set()
    for year in range(first, last + 1):
        for month, day in [(1, 1), (1, 6), (4, 25), (5, 1), (6, 2), (8, 15), (11, 1), (12, 8), (12, 25), (12, 26)]:
            days.add(datetime.date(year, month, day))
        if year >= 2026:
            days.add(datetime.date(year, 10, 4))  # Law 151/2025
        days.add(easter(year) + datetime.timedelta(days=1))
        for text in LOCAL_HOLIDAYS:
            days.add(datetime.date(year, int(text[:2]), int(text[3:])) if len(text) == 5 else datetime.date.fromisoformat(text))
    return sorted(days)


def columns_of(period):
    """The report's columns: (name, first day, last day, annual)."""
    if "-H" in period:
        year, half = int(period[:4]), period[-1]
        start = datetime.date(year, 1, 1) if half == "1" else datetime.date(year, 7, 1)
        end = datetime.date(year, 6, 30) if half == "1" else datetime.date(year, 12, 31)
        return [(period, start, end, False)]
    year = int(period)
    return [(f"{year}-H1", datetime.date(year, 1, 1), datetime.date(year, 6, 30), False),
            (f"{year}-H2", datetime.date(year, 7, 1), datetime.date(year, 12, 31), False),
            (f"{year}", datetime.date(year, 1, 1), datetime.date(year, 12, 31), True)]


def in_list(values):
    return "(" + ", ".join("'" + v + "'" for v in values) + ")"


def grouping(dims):
    """GROUPING SETS over the column and each breakdown dimension, and the segment's name."""
    sets = ", ".join(["(col)"] + [f"(col, {d})" for d in dims])
    if not dims:
        return sets, "'TOT'"
    cases = " ".join(f"WHEN grouping({d}) = 0 THEN '{d}=' || {d}" for d in dims)
    nulls = " OR ".join(f"(grouping({d}) = 0 AND {d} IS NULL)" for d in dims)
    return sets, f"CASE WHEN {nulls} THEN NULL {cases} ELSE 'TOT' END"


class Profiled:
    """With PEER_PROFILE set: each statement's seconds and first words on stderr."""

    def __init__(self, db):
        self.db = db

    def execute(self, text, parameters=None):
        start = time.perf_counter()
        result = self.db.execute(text, parameters or [])
        print(f"{time.perf_counter() - start:8.3f} s  {' '.join(text.split())[:90]}", file=sys.stderr)
        return result

    def executemany(self, text, parameters):
        return self.db.executemany(text, parameters)


class Peer:
    def __init__(self, root, period, care, threads):
        self.db = Profiled(duckdb.connect()) if os.environ.get("PEER_PROFILE") else duckdb.connect()
        self.db.execute(f"SET threads = {threads}")
        self.root, self.period, self.care = root, period, care
        self.columns = columns_of(period)
        self.db.execute(MACROS)
        self.db.execute("CREATE TEMP TABLE cols (col VARCHAR, first DATE, last DATE, annual BOOLEAN)")
        self.db.executemany("INSERT INTO cols VALUES (?, ?, ?, ?)", self.columns)
        self.cells = {}  # (col, indicator, measure, segment) -> (value Fraction|None, n, denominator, excluded)
        self.rejects = {}

    def sql(self, text, parameters=None):
        return self.db.execute(text, parameters or []).fetchall()

    def check_threshold(self, source, read_rows, valid_rows):
        rejected = read_rows - valid_rows
        if read_rows and Fraction(rejected, read_rows) > THRESHOLD:
            sys.exit(f"duckdb-peer: {source}: {rejected} of {read_rows} rows rejected, over the threshold")

    # --- Sources ---------------------------------------------------------------------------
    def stage(self, source, typed, valid, key, keep="", reader=None):
        """Reads a source into `<source>_rows` (typed columns, `ok` for a row that counts),
        checks the reject threshold, and, with a key, keeps one row per id in `<source>`:
        the latest `updated_at` (as an instant; a row without one is older than any with
        one), then the row read last (`seq`: files in path order, rows in file order)."""
        self.db.execute(f"""
        CREATE TEMP TABLE {source}_rows AS
        SELECT *, coalesce({valid}, false) AS ok FROM (
          SELECT row_number() OVER () AS seq, {typed} FROM {reader or read(source, files(self.root, source))})""")
        read_rows, valid_rows = self.sql(f"SELECT count(*), count(*) FILTER (WHERE ok) FROM {source}_rows")[0]
        if reader:
            read_rows += self.typing_rejects(source)
        self.check_threshold(source, read_rows, valid_rows)
        if key:
            self.db.execute(f"""
            CREATE TEMP TABLE {source} AS
            SELECT id, UNNEST(arg_max_null(struct_pack({keep}), (coalesce(utc_seconds(upd), -1e18), seq)))
            FROM {source}_rows WHERE ok GROUP BY id""")
            self.db.execute(f"DROP TABLE {source}_rows")

    def typing_rejects(self, source):
        return self.sql(f"SELECT count(DISTINCT (file_id, line)) FROM {source}_rejects")[0][0]

    def load(self):
        orders_exclusions = in_list(EXCLUSIONS["orders"])
        reader = read_typed("orders", files(self.root, "orders"), [
            ("order_id", "VARCHAR"), ("order_date", "TIMESTAMP"), ("completion_date", "TIMESTAMP"),
            ("agreed_date", "DATE"), ("contract_days", "BIGINT"), ("status", "VARCHAR"), ("service", "VARCHAR"),
            ("access", "VARCHAR"), ("technology", "VARCHAR"), ("customer", "VARCHAR"), ("region", "VARCHAR"),
            ("exclusion", "VARCHAR"), ("note", "VARCHAR"), ("updated_at", "TIMESTAMP")], TIME)
        self.stage("orders", """
          order_id AS id, order_date AS od, completion_date AS cd, agreed_date AS ad, contract_days AS cdays,
          status, service, access, technology, customer, region, exclusion, updated_at AS upd""", f"""
          id IS NOT NULL AND od IS NOT NULL AND status IN ('completed', 'cancelled', 'open')
          AND service IS NOT NULL AND access IS NOT NULL AND technology IS NOT NULL AND customer IS NOT NULL
          AND (status <> 'completed' OR cd IS NOT NULL) AND (cdays IS NULL OR cdays >= 0)
          AND (exclusion IS NULL OR exclusion IN {orders_exclusions})
          AND (cd IS NULL OR utc_seconds(cd) >= utc_seconds(od))""",
                   key=True, keep="od, cd, ad, cdays, status, service, access, technology, customer, region, exclusion",
                   reader=reader)

        tickets_exclusions = in_list(EXCLUSIONS["tickets"])
        reader = read_typed("tickets", files(self.root, "tickets"), [
            ("ticket_id", "VARCHAR"), ("kind", "VARCHAR"), ("category", "VARCHAR"), ("opened_at", "TIMESTAMP"),
            ("resolved_at", "TIMESTAMP"), ("effective", "VARCHAR"), ("suspended_minutes", "BIGINT"),
            ("invoice_id", "VARCHAR"), ("outcome", "VARCHAR"), ("service", "VARCHAR"), ("access", "VARCHAR"),
            ("technology", "VARCHAR"), ("customer", "VARCHAR"), ("region", "VARCHAR"), ("exclusion", "VARCHAR"),
            ("updated_at", "TIMESTAMP")], TIME)
        self.stage("tickets", """
          ticket_id AS id, kind, category, opened_at AS oa, resolved_at AS ra, effective,
          suspended_minutes AS susp, invoice_id AS invoice, outcome, service, access, technology, customer,
          region, exclusion, updated_at AS upd""", f"""
          id IS NOT NULL AND kind IN ('fault', 'complaint') AND oa IS NOT NULL
          AND (category IS NULL OR category IN ('billing', 'other'))
          AND (outcome IS NULL OR outcome IN ('founded', 'unfounded', 'pending'))
          AND (effective IS NULL OR effective IN ('true', 'false'))
          AND service IS NOT NULL AND access IS NOT NULL AND technology IS NOT NULL AND customer IS NOT NULL
          AND (susp IS NULL OR susp >= 0) AND (exclusion IS NULL OR exclusion IN {tickets_exclusions})
          AND (ra IS NULL OR utc_seconds(ra) >= utc_seconds(oa))""",
                   key=True, keep="kind, category, oa, ra, effective, susp, invoice, outcome, service, access, "
                                  "technology, customer, region, exclusion", reader=reader)

        # Invoices: hundreds of millions of rows, never kept: counted per day and customer as read.
        reader = read_typed("invoices", files(self.root, "invoices"), [
            ("invoice_id", "VARCHAR"), ("issue_date", "DATE"), ("doc_type", "VARCHAR"), ("service", "VARCHAR"),
            ("customer", "VARCHAR")], "%Y-%m-%d")
        self.db.execute(f"""
        CREATE TEMP TABLE invoices AS
        SELECT issue_date AS day, customer, count(*) FILTER (WHERE ok AND doc_type = 'invoice') AS issued,
               count(*) AS rows_read, count(*) FILTER (WHERE NOT ok) AS rejected
        FROM (SELECT issue_date, customer, doc_type,
                     coalesce(invoice_id IS NOT NULL AND issue_date IS NOT NULL
                              AND doc_type IN ('invoice', 'credit_note'), false) AS ok
              FROM {reader})
        GROUP BY ALL""")
        read_rows, rejected = self.sql("SELECT sum(rows_read), sum(rejected) FROM invoices")[0]
        typing = self.typing_rejects("invoices")
        self.check_threshold("invoices", int(read_rows or 0) + typing, int((read_rows or 0) - (rejected or 0)))

        self.db.execute(f"""
        CREATE TEMP TABLE lines AS
        SELECT * FROM (SELECT v(month) AS month, TRY_CAST(v(active_lines) AS BIGINT) AS active,
                              v(access) AS access, v(technology) AS technology
                       FROM {read('lines', files(self.root, 'lines'))})
        WHERE regexp_full_match(month, '[0-9]{{4}}-(0[1-9]|1[0-2])') AND active >= 0""")

        if self.care:
            calls_exclusions = in_list(EXCLUSIONS["calls"])
            reader = read_typed("calls", files(self.root, "calls"), [
                ("call_id", "VARCHAR"), ("started_at", "TIMESTAMP"), ("operator_requested_at", "TIMESTAMP"),
                ("answered_at", "TIMESTAMP"), ("ended_at", "TIMESTAMP"), ("customer", "VARCHAR"),
                ("region", "VARCHAR"), ("exclusion", "VARCHAR"), ("updated_at", "TIMESTAMP")], CALL_TIME)
            self.stage("calls", """
              call_id AS id, started_at AS sa, operator_requested_at AS ra, answered_at AS aa, ended_at AS ea,
              customer, exclusion, updated_at AS upd""", f"""
              id IS NOT NULL AND sa IS NOT NULL
              AND (exclusion IS NULL OR exclusion IN {calls_exclusions})
              AND (ra IS NULL OR utc_seconds(ra) >= utc_seconds(sa))
              AND (aa IS NULL OR (ra IS NOT NULL AND utc_seconds(aa) >= utc_seconds(ra)))
              AND (ea IS NULL OR utc_seconds(ea) >= utc_seconds(sa))""",
                       key=True, keep="ra, aa, ea, customer, exclusion", reader=reader)
            low, high = SCALE
            scores = ["clarity", "courtesy", "quality", "speed"]
            typed = ", ".join(f"v({s}) AS {s}_raw, TRY_CAST(v({s}) AS INTEGER) AS {s}" for s in scores)
            score_ok = " AND ".join(
                f"({s}_raw IS NULL OR (regexp_full_match({s}_raw, '[0-9]+') AND {s} BETWEEN {low} AND {high}"
                f" AND responded = 'true'))" for s in scores)
            self.stage("surveys", f"""
              v(survey_id) AS id, try_strptime(v(sent_at), '{TIME}') AS sent, lower(v(responded)) AS responded,
              {typed}, v(customer) AS customer""", f"""
              id IS NOT NULL AND sent IS NOT NULL AND responded IN ('true', 'false') AND {score_ok}""", key=False)

    # --- Indicators --------------------------------------------------------------------------
    def collect(self, indicator, rows, dims, measures):
        """Stores aggregate rows (col, segment, n, excluded, *measures) as cells; `measures`
        maps each measure to a function of the row giving (value, sample, denominator)."""
        annual_only = ANNUAL_BREAKDOWNS.get(indicator, [])
        annual = {name for name, _, _, is_annual in self.columns if is_annual}
        for row in rows:
            col, segment = row[0], row[1]
            if segment is None:
                continue
            if segment != "TOT" and segment.split("=")[0] in annual_only and col not in annual:
                continue
            for measure, function in measures.items():
                value, sample, denominator, excluded = function(row)
                self.cells[(col, indicator, measure, segment)] = (value, sample, denominator, excluded)

    def percentile_query(self, population, dims, select, where_col):
        sets, segment = grouping(dims)
        return self.sql(f"""
          SELECT col, {segment} AS segment, {select}
          FROM {population} p JOIN cols c ON {where_col} BETWEEN c.first AND c.last
          GROUP BY GROUPING SETS ({sets})""")

    def indicators(self):
        annual = any(a for _, _, _, a in self.columns)
        # ATT: completed orders by local date of completion.
        rules = " ".join(f"WHEN access = '{a}' THEN {d}" for a, d in ATT_CONTRACT_DAYS)
        self.db.execute(f"""
          CREATE TEMP VIEW att AS
          SELECT CAST(cd AS DATE) AS day, CAST(cd AS DATE) - CAST(od AS DATE) AS days,
                 CASE WHEN ad IS NOT NULL THEN CAST(cd AS DATE) <= CAST(ad AS DATE)
                      WHEN cdays IS NOT NULL THEN CAST(cd AS DATE) - CAST(od AS DATE) <= cdays
                      ELSE coalesce(CAST(cd AS DATE) - CAST(od AS DATE) <= CASE {rules} END, false) END AS on_time,
                 exclusion, access, technology, customer, region
          FROM orders WHERE status = 'completed'""")
        dims = BREAKDOWNS["ATT"] + (ANNUAL_BREAKDOWNS["ATT"] if annual else [])
        rows = self.percentile_query("att", dims, """
          count(*) FILTER (WHERE exclusion IS NULL), count(*) FILTER (WHERE exclusion IS NOT NULL),
          quantile_disc(days, 0.95) FILTER (WHERE exclusion IS NULL),
          quantile_disc(days, 0.99) FILTER (WHERE exclusion IS NULL),
          count(*) FILTER (WHERE exclusion IS NULL AND on_time)""", "day")
        self.collect("ATT", rows, dims, {
            "P95": lambda r: (r[4], r[2], None, r[3]), "P99": lambda r: (r[5], r[2], None, r[3]),
            "ON_TIME": lambda r: (share(r[6], r[2]), r[2], None, r[3])})

        # Working calendar: the N-th working day after each day.
        first, last = self.columns[0][1].year - 2, self.columns[-1][2].year + 1
        self.db.execute("CREATE TEMP TABLE holidays (day DATE)")
        self.db.executemany("INSERT INTO holidays VALUES (?)", [(d,) for d in holidays(first, last)])
        self.db.execute(f"""
          CREATE TEMP TABLE calendar AS
          WITH days AS (
            SELECT CAST(d AS DATE) AS day,
                   isodow(d) <= 5 AND CAST(d AS DATE) NOT IN (SELECT day FROM holidays) AS working
            FROM range(DATE '{first}-01-01', DATE '{last}-12-31', INTERVAL 1 DAY) t(d)),
          counted AS (SELECT day, working, sum(CAST(working AS INTEGER)) OVER (ORDER BY day) AS worked FROM days)
          SELECT a.day, min(b.day) AS deadline
          FROM counted a JOIN counted b ON b.working AND b.worked = a.worked + {RIP_WORKING_DAYS}
          GROUP BY a.day""")

        # RIP: effective faults by local date of resolution; elapsed minutes minus suspension.
        self.db.execute("""
          CREATE TEMP VIEW rip AS
          SELECT CAST(ra AS DATE) AS day,
                 greatest(CAST(floor((utc_seconds(ra) - utc_seconds(oa)) / 60) AS BIGINT) - coalesce(susp, 0), 0)
                   AS minutes,
                 CAST(ra AS DATE) <= k.deadline AS on_time, exclusion, access, technology
          FROM tickets JOIN calendar k ON k.day = CAST(oa AS DATE)
          WHERE kind = 'fault' AND coalesce(effective, 'true') = 'true' AND ra IS NOT NULL""")
        dims = BREAKDOWNS["RIP"]
        rows = self.percentile_query("rip", dims, """
          count(*) FILTER (WHERE exclusion IS NULL), count(*) FILTER (WHERE exclusion IS NOT NULL),
          quantile_disc(minutes, 0.80) FILTER (WHERE exclusion IS NULL),
          quantile_disc(minutes, 0.95) FILTER (WHERE exclusion IS NULL),
          count(*) FILTER (WHERE exclusion IS NULL AND on_time)""", "day")
        self.collect("RIP", rows, dims, {
            "P80": lambda r: (hours(r[4]), r[2], None, r[3]), "P95": lambda r: (hours(r[5]), r[2], None, r[3]),
            "ON_TIME": lambda r: (share(r[6], r[2]), r[2], None, r[3])})

        # REC: complaints by local date of resolution; elapsed solar minutes; term in days.
        self.db.execute(f"""
          CREATE TEMP VIEW rec AS
          SELECT CAST(ra AS DATE) AS day,
                 CAST(floor((utc_seconds(ra) - utc_seconds(oa)) / 60) AS BIGINT) AS minutes,
                 CAST(ra AS DATE) - CAST(oa AS DATE) <= {REC_TERM_DAYS} AS on_time, exclusion
          FROM tickets WHERE kind = 'complaint' AND ra IS NOT NULL""")
        rows = self.percentile_query("rec", [], """
          count(*) FILTER (WHERE exclusion IS NULL), count(*) FILTER (WHERE exclusion IS NOT NULL),
          quantile_disc(minutes, 0.80) FILTER (WHERE exclusion IS NULL),
          quantile_disc(minutes, 0.90) FILTER (WHERE exclusion IS NULL),
          count(*) FILTER (WHERE exclusion IS NULL AND on_time)""", "day")
        self.collect("REC", rows, [], {
            "P80": lambda r: (hours(r[4]), r[2], None, r[3]), "P90": lambda r: (hours(r[5]), r[2], None, r[3]),
            "ON_TIME": lambda r: (share(r[6], r[2]), r[2], None, r[3])})

        # GUA: effective faults opened in the period over the mean monthly active lines.
        dims = BREAKDOWNS["GUA"]
        sets, segment = grouping(dims)
        faults = dict(((c, s), n) for c, s, n in self.sql(f"""
          SELECT col, {segment}, count(*) FROM tickets t JOIN cols c ON CAST(oa AS DATE) BETWEEN c.first AND c.last
          WHERE kind = 'fault' AND coalesce(effective, 'true') = 'true' GROUP BY GROUPING SETS ({sets})"""))
        census = self.sql(f"""
          SELECT col, segment, count(DISTINCT month), sum(active) FROM (
            SELECT col, month, {segment} AS segment, sum(active) AS active
            FROM lines JOIN cols c ON CAST(month || '-01' AS DATE) BETWEEN c.first AND c.last
            GROUP BY GROUPING SETS ((col, month), {", ".join(f"(col, month, {d})" for d in dims)}))
          GROUP BY ALL""")
        lines = {(c, s): (m, total) for c, s, m, total in census}
        months = {name: (last.year - first.year) * 12 + last.month - first.month + 1
                  for name, first, last, _ in self.columns}
        for key in set(faults) | set(lines):
            col, seg = key
            if seg is None:
                continue
            n = faults.get(key, 0)
            present, total = lines.get(key, (0, 0))
            if present == months[col] and total:
                mean = Fraction(total, months[col])
                self.cells[(col, "GUA", "RATE", seg)] = (Fraction(n * 100) / mean, n, mean, 0)
            else:
                self.cells[(col, "GUA", "RATE", seg)] = (None, n, None, 0)

        # FAT and ACC: distinct disputed invoices over invoices issued.
        dims = BREAKDOWNS["FAT"]
        sets, segment = grouping(dims)
        disputes = self.sql(f"""
          SELECT col, {segment}, count(DISTINCT invoice) + count(*) FILTER (WHERE invoice IS NULL),
                 count(DISTINCT invoice) FILTER (WHERE outcome = 'founded')
                   + count(*) FILTER (WHERE invoice IS NULL AND outcome = 'founded')
          FROM tickets JOIN cols c ON CAST(oa AS DATE) BETWEEN c.first AND c.last
          WHERE kind = 'complaint' AND category = 'billing' GROUP BY GROUPING SETS ({sets})""")
        issued = dict(((c, s), n) for c, s, n in self.sql(f"""
          SELECT col, {segment}, sum(issued) FROM invoices JOIN cols c ON day BETWEEN c.first AND c.last
          WHERE issued > 0 GROUP BY GROUPING SETS ({sets})"""))
        numerators = {(c, s): (f, a) for c, s, f, a in disputes}
        for key in set(numerators) | set(issued):
            col, seg = key
            if seg is None:
                continue
            fat, acc = numerators.get(key, (0, 0))
            denominator = int(issued.get(key, 0))
            for code, n in (("FAT", fat), ("ACC", acc)):
                value = Fraction(n * 100, denominator) if denominator else None
                self.cells[(col, code, "RATE", seg)] = (value, n, denominator, 0)

        if not self.care:
            return
        # TMO and C20: calls by the local date of the operator request.
        self.db.execute(f"""
          CREATE TEMP VIEW care AS
          SELECT CAST(ra AS DATE) AS day, aa IS NOT NULL AS answered,
                 utc_seconds(aa) - utc_seconds(ra) AS wait,
                 aa IS NULL AND ea IS NOT NULL AND utc_seconds(ea) - utc_seconds(ra) < {C20_SHORT_ABANDON} AS short,
                 exclusion, customer
          FROM calls WHERE ra IS NOT NULL""")
        dims = BREAKDOWNS["TMO"]
        rows = self.percentile_query("care", dims, f"""
          count(*) FILTER (WHERE answered AND exclusion IS NULL),
          count(*) FILTER (WHERE answered AND exclusion IS NOT NULL),
          sum(wait) FILTER (WHERE answered AND exclusion IS NULL),
          count(*) FILTER (WHERE NOT short AND exclusion IS NULL),
          count(*) FILTER (WHERE NOT short AND exclusion IS NOT NULL),
          count(*) FILTER (WHERE NOT short AND exclusion IS NULL AND answered AND wait <= {C20_WITHIN}),
          count(*) FILTER (WHERE answered), count(*) FILTER (WHERE NOT short)""", "day")
        self.collect("TMO", [r for r in rows if r[8]], dims, {
            "MEAN": lambda r: (Fraction(int(r[4]), r[2]) if r[2] else None, r[2], None, r[3])})
        self.collect("C20", [r for r in rows if r[9]], dims, {
            "ON_TIME": lambda r: (share(r[7], r[5]), r[5], None, r[6])})

        # ISC: invitations by the local date they were sent.
        rows = self.percentile_query("(SELECT * FROM surveys_rows WHERE ok)", [], """
          count(*), 0, count(*) FILTER (WHERE responded = 'true'),
          count(clarity), sum(clarity), count(courtesy), sum(courtesy),
          count(quality), sum(quality), count(speed), sum(speed)""", "CAST(sent AS DATE)")
        measures = {"M1": lambda r: (share(r[4], r[2]), r[2], None, 0)}
        for index, measure in enumerate(["M2", "M3", "M4", "M5"]):
            measures[measure] = (lambda i: lambda r: (
                Fraction(int(r[6 + 2 * i]), r[5 + 2 * i]) if r[5 + 2 * i] else None, r[5 + 2 * i], None, 0))(index)
        self.collect("ISC", rows, [], measures)

    # --- Output ------------------------------------------------------------------------------
    def results(self):
        targets = {**TARGETS, **(CARE_TARGETS if self.care else {})}
        order = {name: i for i, (name, _, _, _) in enumerate(self.columns)}

        def segment_key(segment):
            if segment == "TOT":
                return (0, 0, b"")
            dim, value = segment.split("=", 1)
            return (1, DIMENSIONS.index(dim), value.encode())

        lines = ["report,period,indicator,measure,segment,value,unit,sample_size,denominator,excluded,target,met"]
        for key in sorted(self.cells, key=lambda k: (order[k[0]], CATALOGUE.index(k[1]),
                                                     MEASURE_ORDER.index((k[1], k[2])), segment_key(k[3]))):
            col, indicator, measure, segment = key
            value, sample, denominator, excluded = self.cells[key]
            unit, decimals, at_most = MEASURES[(indicator, measure)]
            published = half_up(value, decimals) if value is not None else None
            target = targets.get((indicator, measure, segment))
            target_text = fmt(Fraction(target), decimals) if target is not None else ""
            met = ""
            if target is not None and published is not None:
                met = str(published <= Fraction(target) if at_most else published >= Fraction(target)).lower()
            if isinstance(denominator, Fraction):
                denominator_text = fmt(half_up(denominator, 2), 2)
            else:
                denominator_text = "" if denominator is None else str(denominator)
            lines.append(",".join([
                self.period, col, indicator, measure, segment, fmt(published, decimals) if published is not None else "",
                unit, str(sample), denominator_text, str(excluded), target_text, met]))
        return "\n".join(lines) + "\n"


def share(part, whole):
    return Fraction(part * 100, whole) if whole else None


def hours(minutes):
    return Fraction(minutes, 60) if minutes is not None else None


def half_up(value, decimals):
    scaled = value * 10 ** decimals
    return Fraction((scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator), 10 ** decimals)


def fmt(value, decimals):
    scaled = value * 10 ** decimals
    assert scaled.denominator == 1
    whole = int(scaled)
    if decimals == 0:
        return str(whole)
    sign = "-" if whole < 0 else ""
    digits = str(abs(whole)).rjust(decimals + 1, "0")
    return f"{sign}{digits[:-decimals]}.{digits[-decimals:]}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("period")
    parser.add_argument("--care", action="store_true", help="calls and surveys too (acceptance-care.yaml)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--output")
    parser.add_argument("--timing", action="store_true")
    args = parser.parse_args()
    start = time.perf_counter()
    peer = Peer(args.input, args.period, args.care, args.threads)
    peer.load()
    peer.indicators()
    text = peer.results()
    if args.output:
        with open(args.output, "w", newline="") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    if args.timing:
        print(f"{time.perf_counter() - start:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
