"""Headline figures of the bundled samples, computed from the records make-samples.py generates.

An oracle for the golden files of the samples' reports (Tests/EndToEndTests/Golden/): it
takes the generator's own values — Python datetimes, dates and integers, before they are
written as Windows-1252 text with `;`, `dd/mm/yyyy` and the decimal comma — and applies the
rules of SPEC.md to them, written here from the SPEC, not from the Swift code. The tool
reaches the same figures only if it reads the bytes the generator wrote back into the
values the generator meant (`1.440` → 1440 minutes, `Sì` in Windows-1252 → true, `60,0` →
60 days, `30/03/2025 02:30` → 03:30 CEST) and then applies the same rules.

Nothing here reads the tool's outputs or shares code with it: elapsed time comes from
`zoneinfo` (Europe/Rome), the working calendar from the holiday list below, percentiles from
a sorted Python list, rounding from `fractions.Fraction`.

Each indicator figure is chosen to pin something only the samples exercise (PINS below): the
generator computes it twice, once right and once with that one thing broken (the thousands dot
read as a decimal point, wall-clock time instead of elapsed time, 24 June a working day, …),
and keeps the figures whose published string differs — so a pinned figure really depends on
what it claims. A pin that no figure of the samples' reports depends on is written under
`not_pinned`, with the reason.

The figures go to samples/headline-figures.json; Tests/EndToEndTests/GoldenFigureTests.swift
compares the golden files with them. To add a figure, add a candidate to a pin of PINS (or a
pin); to follow a change of a published label, change LABELS or segment_label().
"""

import datetime as dt
import json
from fractions import Fraction
from zoneinfo import ZoneInfo

# ---------------------------------------------------------------------------
# What samples/operator.yaml configures, restated (the oracle does not parse YAML).

ZONE = ZoneInfo("Europe/Rome")  # time_zone
COMPLETED = {"Completato", "Espletato"}  # sources.orders.values.status → completed
ACCESS = {"Rete propria": "own", "Wholesale": "wholesale"}  # values.access
CUSTOMER = {"Residenziale": "residential", "Affari": "business"}  # values.customer
DEFAULT_CONTRACT_DAYS = {"own": 60, "wholesale": 90}  # indicators.ATT.contract_days
RIP_WORKING_DAYS = 4  # indicators.RIP.deadline: {working_days: 4}
REC_TERM_DAYS = 30  # indicators.REC.term_days
C20_WITHIN_SECONDS = 20  # indicators.C20.within_seconds
C20_SHORT_ABANDON_SECONDS = 5  # indicators.C20.short_abandon_seconds
# The columns of rejects/<source>.csv that the figures give for each deliberately bad row.
REJECT_COLUMNS = ("file", "line", "id", "field", "value")
FIELDS = {  # sources.*.columns, for the columns the deliberately bad rows damage
    "Data ordine": "order_date", "Stato": "status", "Data espletamento": "completion_date",
    "Data chiusura": "resolved_at", "Data emissione": "issue_date",
    "Note": "",  # not read: a stray quote there rejects the row, with no canonical field
    "Inizio chiamata": "started_at", "Risposta operatore": "answered_at", "Chiarezza": "clarity",
    "Cortesia": "courtesy",
}

# Working days: Monday to Friday (calendar.working_days) except these holidays, written out
# by hand from SPEC §3 — the national holidays, Easter Monday (01/04/2024, 21/04/2025,
# 06/04/2026, 29/03/2027), 4 October from 2026 — plus the samples' local holiday, 24 June
# (calendar.local_holidays). make-samples.py checks that this list agrees with the calendar
# it computes itself from Easter's algorithm.
HOLIDAYS = frozenset(dt.date.fromisoformat(d) for d in """
    2024-01-01 2024-01-06 2024-04-01 2024-04-25 2024-05-01 2024-06-02 2024-06-24 2024-08-15
    2024-11-01 2024-12-08 2024-12-25 2024-12-26
    2025-01-01 2025-01-06 2025-04-21 2025-04-25 2025-05-01 2025-06-02 2025-06-24 2025-08-15
    2025-11-01 2025-12-08 2025-12-25 2025-12-26
    2026-01-01 2026-01-06 2026-04-06 2026-04-25 2026-05-01 2026-06-02 2026-06-24 2026-08-15
    2026-10-04 2026-11-01 2026-12-08 2026-12-25 2026-12-26
    2027-01-01 2027-01-06 2027-03-29 2027-04-25 2027-05-01 2027-06-02 2027-06-24 2027-08-15
    2027-10-04 2027-11-01 2027-12-08 2027-12-25 2027-12-26
""".split())

# The samples' reports that have golden files: report → its columns (SPEC §5.2).
REPORTS = {
    "2025": ["2025-H1", "2025-H2", "2025"],
    "2026-H1": ["2026-H1"],
    "2026-H2": ["2026-H2"],
}
PERIODS = {}
for _y in (2025, 2026):
    PERIODS[f"{_y}-H1"] = (dt.date(_y, 1, 1), dt.date(_y, 6, 30))
    PERIODS[f"{_y}-H2"] = (dt.date(_y, 7, 1), dt.date(_y, 12, 31))
    PERIODS[f"{_y}"] = (dt.date(_y, 1, 1), dt.date(_y, 12, 31))

# ---------------------------------------------------------------------------
# Time (SPEC §3)


def instant(local):
    """A naive local time of Europe/Rome as a UTC instant.

    PEP 495 with fold=0 is exactly SPEC §3: a time of the October fold is its first
    occurrence, and a time of the March gap is read with the offset before the gap, i.e.
    moved forward by it (02:30 → 03:30 CEST).
    """
    return local.replace(tzinfo=ZONE, fold=0).astimezone(dt.timezone.utc)


def elapsed_minutes(start, end):
    """True elapsed whole minutes between two naive local times (seconds ÷ 60, rounded down)."""
    return int((instant(end) - instant(start)).total_seconds()) // 60


def wall_clock_minutes(start, end):
    """The wrong duration across a change of time: the difference of the wall-clock readings."""
    return int((end - start).total_seconds()) // 60


def nth_working_day_after(day, n, holidays):
    """The n-th working day strictly after `day`."""
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            n -= 1
    return day


def in_period(day, period):
    first, last = PERIODS[period]
    return first <= day <= last


def months_of(period):
    first, last = PERIODS[period]
    return [(first.year, m) for m in range(first.month, last.month + 1)]


# ---------------------------------------------------------------------------
# Exact figures (SPEC §4)


def nearest_rank(values, k):
    """Pk: the value at 1-based position ⌈k·n/100⌉ of the sorted values; None when n = 0."""
    if not values:
        return None
    return sorted(values)[-(-k * len(values) // 100) - 1]


def floor_rank(values, k):
    """The wrong percentile: position ⌊k·n/100⌋ (at least 1)."""
    if not values:
        return None
    return sorted(values)[max(1, k * len(values) // 100) - 1]


def half_up(value, decimals):
    """A Fraction ≥ 0 rounded half-up to `decimals` places, as text with `.`."""
    scaled = Fraction(value) * 10 ** decimals
    units = (2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)
    return text(units, decimals)


def half_even(value, decimals):
    """The wrong rounding: half to even (Python's round on a Fraction)."""
    return text(round(Fraction(value) * 10 ** decimals), decimals)


def text(units, decimals):
    if decimals == 0:
        return str(units)
    whole, fraction = divmod(units, 10 ** decimals)
    return f"{whole}.{fraction:0{decimals}d}"


class Rules:
    """The rules in force; a pin replaces one of them by its broken form."""
    elapsed = staticmethod(elapsed_minutes)
    holidays = HOLIDAYS
    rank = staticmethod(nearest_rank)
    rounding = staticmethod(half_up)
    within = staticmethod(lambda wait: wait <= C20_WITHIN_SECONDS)  # C20: exactly 20 s is on time
    short_abandon_seconds = C20_SHORT_ABANDON_SECONDS


# ---------------------------------------------------------------------------
# Records: the latest valid version of each id (SPEC §2.2)


def latest_valid(rows):
    """id → state of the winning row: the latest `updated_at` (as an instant), then the row read last.

    `rows` are in reading order (files in path order, rows in file order); rejected rows take
    no part.
    """
    winners = {}
    for position, row in enumerate(rows):
        if row["bad"] is None:
            key = (instant(row["when"]), position)
            if row["id"] not in winners or key > winners[row["id"]][0]:
                winners[row["id"]] = (key, row["state"])
    return {rid: state for rid, (_, state) in winners.items()}


def source_counts(rows):
    """Rows read, rejected, and duplicates folded (valid rows minus distinct ids among them)."""
    valid = [r for r in rows if r["bad"] is None]
    return {"rows": len(rows), "rejected": len(rows) - len(valid),
            "duplicates": len(valid) - len({r["id"] for r in valid})}


# ---------------------------------------------------------------------------
# One figure: indicator × measure × column × segment (SPEC §4, §5.1)


def segment_of(record, dimension):
    """A record's canonical value of a breakdown dimension (orders and tickets alike)."""
    value = record[{"technology": "tech"}.get(dimension, dimension)]
    return {"access": ACCESS, "customer": CUSTOMER}.get(dimension, {}).get(value, value)


def in_segment(record, segment):
    if segment == "TOT":
        return True
    dimension, value = segment.split("=")
    return segment_of(record, dimension) == value


def line_in_segment(combo, segment):
    """Census rows are per (access, technology)."""
    if segment == "TOT":
        return True
    dimension, value = segment.split("=")
    return {"access": ACCESS[combo[0]], "technology": combo[1]}[dimension] == value


def durations(data, indicator, period, segment, rules):
    """ATT, RIP, REC: (durations, on time, excluded) of the column's population in the segment."""
    values, on_time, excluded = [], 0, 0
    if indicator == "ATT":  # completed orders, completion (local date) in the period; days
        for o in data.orders.values():
            if o["status"] not in COMPLETED or not in_period(o["completion"].date(), period):
                continue
            if not in_segment(o, segment):
                continue
            if o["exclusion"]:
                excluded += 1
                continue
            days = (o["completion"].date() - o["order_date"].date()).days
            values.append(days)
            if o["agreed"] is not None:
                on_time += o["completion"].date() <= o["agreed"]
            else:
                limit = o["contract_days"]
                on_time += days <= (DEFAULT_CONTRACT_DAYS[ACCESS[o["access"]]] if limit is None else limit)
    elif indicator == "RIP":  # effective faults resolved in the period; minutes net of suspension
        for t in data.tickets.values():
            if t["kind"] != "Guasto" or not t["is_effective"] or t["resolved"] is None:
                continue
            if not in_period(t["resolved"].date(), period) or not in_segment(t, segment):
                continue
            if t["exclusion"]:
                excluded += 1
                continue
            values.append(max(0, rules.elapsed(t["opened"], t["resolved"]) - t["suspended_minutes"]))
            deadline = nth_working_day_after(t["opened"].date(), RIP_WORKING_DAYS, rules.holidays)
            on_time += t["resolved"].date() <= deadline
    elif indicator == "REC":  # complaints resolved in the period; elapsed minutes; term in days
        for t in data.tickets.values():
            if t["kind"] != "Reclamo" or t["resolved"] is None or not in_period(t["resolved"].date(), period):
                continue
            if not in_segment(t, segment):
                continue
            if t["exclusion"]:
                excluded += 1
                continue
            values.append(rules.elapsed(t["opened"], t["resolved"]))
            on_time += (t["resolved"].date() - t["opened"].date()).days <= REC_TERM_DAYS
    return values, on_time, excluded


def rate(data, indicator, period, segment):
    """GUA, FAT, ACC: (numerator, denominator) of the column in the segment."""
    if indicator == "GUA":  # effective faults opened in the period ÷ mean monthly active lines
        faults = sum(1 for t in data.tickets.values()
                     if t["kind"] == "Guasto" and t["is_effective"] and in_period(t["opened"].date(), period)
                     and in_segment(t, segment))
        months = months_of(period)
        lines = sum(n for month in months for combo, n in data.lines[month].items()
                    if line_in_segment(combo, segment))
        return faults, Fraction(lines, len(months))
    # FAT, ACC: distinct invoices of billing complaints opened in the period ÷ invoices issued
    contested = set()
    for rid, t in data.tickets.items():
        if t["kind"] != "Reclamo" or t["category"] != "Fatturazione" or not in_period(t["opened"].date(), period):
            continue
        if not in_segment(t, segment) or (indicator == "ACC" and t["esito"] != "Fondato"):
            continue
        contested.add(t["invoice"] or ("a complaint without invoice", rid))
    issued = sum(1 for day, customer in data.issued
                 if in_period(day, period) and in_segment({"customer": customer}, segment))
    return len(contested), issued


def elapsed_seconds(start, end):
    """True elapsed seconds between two naive local times."""
    return int((instant(end) - instant(start)).total_seconds())


def care_cells(data, indicator, measure, period, segment, rules):
    """TMO, C20 and ISC (SPEC §4): the cells of one figure, as strings."""
    def included(record):
        return segment == "TOT" or CUSTOMER[record["customer"]] == segment.split("=")[1]
    if indicator == "ISC":
        invitations = [s for s in data.surveys if in_period(s["sent"].date(), period) and included(s)]
        if measure == "M1":
            n = len(invitations)
            responded = sum(s["responded"] for s in invitations)
            value = rules.rounding(Fraction(100 * responded, n), 1) if n else ""
            return {"value": value, "sample_size": str(n), "denominator": "", "excluded": "0"}
        question = {"M2": "Chiarezza", "M3": "Cortesia", "M4": "Qualità", "M5": "Rapidità"}[measure]
        scores = [s["scores"][question] for s in invitations if question in s["scores"]]
        value = rules.rounding(Fraction(sum(scores), len(scores)), 2) if scores else ""
        return {"value": value, "sample_size": str(len(scores)), "denominator": "", "excluded": "0"}
    calls = [c for c in data.calls if c["requested"] is not None and in_period(c["requested"].date(), period)
             and included(c)]
    if indicator == "TMO":
        answered = [c for c in calls if c["answered"] is not None]
        waits = [elapsed_seconds(c["requested"], c["answered"]) for c in answered if not c["exclusion"]]
        excluded = sum(1 for c in answered if c["exclusion"])
        value = rules.rounding(Fraction(sum(waits), len(waits)), 0) if waits else ""
        return {"value": value, "sample_size": str(len(waits)), "denominator": "", "excluded": str(excluded)}
    population, excluded = [], 0
    for c in calls:
        if c["answered"] is None and c["ended"] is not None \
                and elapsed_seconds(c["requested"], c["ended"]) < rules.short_abandon_seconds:
            continue  # a short abandon, counted apart
        if c["exclusion"]:
            excluded += 1
            continue
        population.append(c)
    on_time = sum(1 for c in population
                  if c["answered"] is not None and rules.within(elapsed_seconds(c["requested"], c["answered"])))
    n = len(population)
    value = rules.rounding(Fraction(100 * on_time, n), 1) if n else ""
    return {"value": value, "sample_size": str(n), "denominator": "", "excluded": str(excluded)}


def published(data, indicator, measure, period, segment, rules=Rules):
    """The cells of results-<report>.csv for one figure (SPEC §5.1), as strings."""
    if indicator in ("TMO", "C20", "ISC"):
        return care_cells(data, indicator, measure, period, segment, rules)
    if indicator in ("GUA", "FAT", "ACC"):
        numerator, denominator = rate(data, indicator, period, segment)
        return {"value": rules.rounding(Fraction(100 * numerator) / denominator, 2),
                "sample_size": str(numerator),
                "denominator": half_up(denominator, 2) if indicator == "GUA" else str(denominator),
                "excluded": "0"}
    values, on_time, excluded = durations(data, indicator, period, segment, rules)
    n = len(values)
    if measure == "ON_TIME":
        value = rules.rounding(Fraction(100 * on_time, n), 1) if n else ""
    else:
        rank = rules.rank(values, int(measure[1:]))
        if rank is None:
            value = ""
        elif indicator == "ATT":  # days, 0 decimals
            value = str(rank)
        else:  # minutes published in hours, 1 decimal
            value = rules.rounding(Fraction(rank, 60), 1)
    return {"value": value, "sample_size": str(n), "denominator": "", "excluded": str(excluded)}


# ---------------------------------------------------------------------------
# Where a figure is published

# SPEC §4.1: the Misura labels of the report models.
LABELS = {
    ("ATT", "P95"): "Percentile 95% del tempo di fornitura",
    ("ATT", "P99"): "Percentile 99% del tempo di fornitura",
    ("ATT", "ON_TIME"): "Percentuale degli ordini validi completati entro la data concordata con il cliente"
                        " o entro il termine contrattuale",
    ("GUA", "RATE"): "Segnalazioni di malfunzionamenti effettivi in rapporto al numero medio di linee di"
                     " accesso attive",
    ("RIP", "P80"): "Percentile 80% del tempo di riparazione dei malfunzionamenti",
    ("RIP", "P95"): "Percentile 95% del tempo di riparazione dei malfunzionamenti",
    ("RIP", "ON_TIME"): "Percentuale delle riparazioni completate entro il tempo massimo contrattualmente"
                        " previsto",
    ("FAT", "RATE"): "Percentuale di fatture per cui il cliente ha reclamato sul totale delle fatture emesse",
    ("ACC", "RATE"): "Percentuale di fatture con reclami riconosciuti fondati e riaccredito sul totale delle"
                     " fatture emesse",
    ("REC", "P80"): "Tempo entro il quale l'80% dei reclami viene risolto",
    ("REC", "P90"): "Tempo entro il quale il 90% dei reclami viene risolto",
    ("REC", "ON_TIME"): "Percentuale di reclami risolti entro i termini previsti",
    ("TMO", "MEAN"): "Tempo medio di risposta dell'operatore alle chiamate entranti",
    ("C20", "ON_TIME"): "Percentuale di chiamate verso operatore servite entro 20 secondi",
    ("ISC", "M1"): "Misura 1: tasso di adesione al sondaggio",
    ("ISC", "M5"): "Misura 5: indice di percezione della velocità del contatto",
}


REGIONS = [
    "Piemonte", "Valle d'Aosta", "Lombardia", "Trentino-Alto Adige", "Veneto", "Friuli-Venezia Giulia",
    "Liguria", "Emilia-Romagna", "Toscana", "Umbria", "Marche", "Lazio", "Abruzzo", "Molise", "Campania",
    "Puglia", "Basilicata", "Calabria", "Sicilia", "Sardegna",
]
VALUE_LABELS = {
    "service": {"voice": "Voce", "broadband": "Internet", "bundle": "Voce e Internet"},
    "access": {"own": "Rete propria", "wholesale": "Altro operatore"},
    "technology": {"OTHER": "Altra tecnologia"},
    "customer": {"residential": "Residenziale", "business": "Affari"},
    "region": {f"{index + 1:02d}": name for index, name in enumerate(REGIONS)},
}


def segment_label(segment):
    """The Segmento cell of the human CSV: the dimension's name and the value's Italian
    display label of SPEC §4.1 (own → Rete propria, 09 → Toscana), else the value."""
    if segment == "TOT":
        return "Totale"
    dimension, value = segment.split("=")
    names = {
        "service": "Servizio", "access": "Accesso", "technology": "Tecnologia", "customer": "Cliente",
        "region": "Regione",
    }
    return f"{names[dimension]}: {VALUE_LABELS[dimension].get(value, value)}"


# SPEC §5.2: the report model each indicator is published in (resoconto-<model>-<report>.csv).
MODELS = {"ATT": "servizi", "GUA": "servizi", "RIP": "servizi", "FAT": "servizi", "ACC": "servizi",
          "REC": "reclami", "TMO": "assistenza", "C20": "assistenza", "ISC": "assistenza"}


def column_suffix(report, period):
    """An annual human CSV repeats its result columns per column, named after it."""
    if len(REPORTS[report]) == 1:
        return ""
    return {"H1": " 1° semestre", "H2": " 2° semestre"}.get(period[-2:], " Anno")


def figure(data, report, indicator, measure, period, segment, pins, if_broken):
    cells = published(data, indicator, measure, period, segment)
    suffix = column_suffix(report, period)
    human = {"Risultato": cells["value"].replace(".", ","), "Numerosità campione": cells["sample_size"],
             "Denominatore": cells["denominator"].replace(".", ","), "Esclusi": cells["excluded"]}
    if human["Risultato"] == "":
        human["Risultato"] = "n.d."
    result = {
        "name": f"{indicator} {measure} {segment} {period}",
        "pins": pins,
        "report": report,
        "checks": [
            {"file": f"results-{report}.csv",
             "row": {"period": period, "indicator": indicator, "measure": measure, "segment": segment},
             "cells": cells},
            {"file": f"resoconto-{MODELS[indicator]}-{report}.csv",
             "row": {"Indicatore": indicator, "Misura": LABELS[(indicator, measure)],
                     "Segmento": segment_label(segment)},
             "cells": {f"{name}{suffix}": value for name, value in human.items()}},
        ],
    }
    if if_broken:  # the published cells that would differ with what the figure pins broken
        result["if_broken"] = if_broken
    return result


# ---------------------------------------------------------------------------
# What each figure pins: a description, what breaks it, and the candidate figures
# (indicator, measure, segment) — in every column of every report — in order of preference.

class Samples:
    """The records as the tool should see them after reading and de-duplication."""

    def __init__(self, orders, tickets, lines, issued, calls, surveys):
        self.orders, self.tickets, self.lines, self.issued = orders, tickets, lines, issued
        self.calls, self.surveys = calls, surveys

    def replacing(self, **changes):
        other = Samples(self.orders, self.tickets, self.lines, self.issued, self.calls, self.surveys)
        other.__dict__.update(changes)
        return other

    def with_tickets(self, change):
        return self.replacing(tickets={k: change(t) for k, t in self.tickets.items()})

    def without_orders(self, predicate):
        return self.replacing(orders={k: o for k, o in self.orders.items() if not predicate(o)})

    def with_lines(self, change):
        return self.replacing(lines={m: {c: change(n) for c, n in v.items()} for m, v in self.lines.items()})

    def with_calls(self, change):
        return self.replacing(calls=[change(c) for c in self.calls])

    def with_surveys(self, change):
        return self.replacing(surveys=[change(s) for s in self.surveys])


def broken(**changes):
    return type("BrokenRules", (Rules,), {k: staticmethod(v) if callable(v) else v for k, v in changes.items()})


PINS = [
    {
        "pins": "the thousands dot of the census: active lines written 1.012 (Windows-1252 `;` export)",
        "data": lambda s: s.with_lines(lambda n: Fraction(n, 1000) if n >= 1000 else n),
        "candidates": [("GUA", "RATE", "TOT"), ("GUA", "RATE", "technology=FTTH")],
        "at_most": 2,
    },
    {
        "pins": "the thousands dot of a suspension: Minuti sospensione written 1.260, 1.440 or 2.880",
        "data": lambda s: s.with_tickets(
            lambda t: dict(t, suspended_minutes=t["suspended_minutes"] // 1000) if t["suspended_minutes"] >= 1000
            else t),
        "candidates": [("RIP", "P95", "TOT"), ("RIP", "P80", "TOT")],
        "at_most": 2,
    },
    {
        # Whether 60,0 is then read as 60, as 600 or not at all (the configured default applying)
        # changes no figure of the samples: each order written N,0 meets or misses every one alike.
        "pins": "the decimal comma of the contractual days: orders whose Giorni contrattuali is written 60,0"
                " are read, not rejected",
        "data": lambda s: s.without_orders(lambda o: "," in o["contract"]),
        "candidates": [("ATT", "ON_TIME", "TOT"), ("ATT", "ON_TIME", "customer=business"),
                       ("ATT", "ON_TIME", "access=own"), ("ATT", "ON_TIME", "access=wholesale")],
        "at_most": 1,
    },
    {
        "pins": "a Windows-1252 accented value: Guasto effettivo `Sì` (byte 0xEC) against `No`",
        "data": lambda s: s.with_tickets(lambda t: dict(t, is_effective=True)),
        "candidates": [("GUA", "RATE", "TOT")],
        "at_most": 1,
    },
    {
        "pins": "true elapsed time across a change of time (Europe/Rome): a ticket open over the last Sunday"
                " of March or October",
        "rules": broken(elapsed=wall_clock_minutes),
        "candidates": [(i, m, s) for i, m in [("RIP", "P80"), ("RIP", "P95"), ("REC", "P80"), ("REC", "P90")]
                       for s in ["TOT", "access=own", "access=wholesale", "technology=FTTH", "technology=FTTC",
                                 "technology=ADSL", "technology=FWA"] if i == "RIP" or s == "TOT"],
        "at_most": 2,
    },
    {
        "pins": "the samples' local holiday in the RIP deadline: 24 June (San Giovanni) is not a working day",
        "rules": broken(holidays=HOLIDAYS - {d for d in HOLIDAYS if (d.month, d.day) == (6, 24)}),
        "candidates": [("RIP", "ON_TIME", s) for s in ["TOT", "access=own", "access=wholesale", "technology=FTTH",
                                                       "technology=FTTC", "technology=ADSL", "technology=FWA"]],
        "at_most": 2,
    },
    {
        "pins": "the national holidays in the RIP deadline (Easter Monday, 4 October from 2026, …)",
        "rules": broken(holidays=frozenset()),
        "candidates": [("RIP", "ON_TIME", s) for s in ["TOT", "access=own", "access=wholesale", "technology=FTTH",
                                                       "technology=FTTC", "technology=ADSL", "technology=FWA"]],
        "at_most": 1,
    },
    {
        "pins": "nearest rank: position ⌈k·n/100⌉, not ⌊k·n/100⌋",
        "rules": broken(rank=floor_rank),
        "candidates": [("ATT", "P95", "TOT"), ("ATT", "P99", "TOT"), ("RIP", "P80", "TOT"), ("REC", "P90", "TOT")],
        "at_most": 2,
    },
    {
        "pins": "half-up rounding of an exact value, not half to even",
        "rules": broken(rounding=half_even),
        "candidates": [(i, m, s) for i, m in [("RIP", "P80"), ("RIP", "P95"), ("REC", "P80"), ("REC", "P90"),
                                              ("ATT", "ON_TIME"), ("RIP", "ON_TIME"), ("REC", "ON_TIME"),
                                              ("GUA", "RATE"), ("FAT", "RATE"), ("ACC", "RATE")]
                       for s in ["TOT", "technology=FTTH", "technology=FTTC", "technology=FWA"]
                       if i in ("RIP", "GUA", "ATT") or s == "TOT"],
        "at_most": 1,
    },
    {
        "pins": "the seconds of the calls' times (dd/MM/yyyy HH:mm:ss, UTF-8 with a byte-order mark): the"
                " operator's answer time in whole seconds, not minutes",
        "data": lambda s: s.with_calls(lambda c: dict(c, **{k: c[k] and c[k].replace(second=0)
                                                              for k in ("requested", "answered", "ended")})),
        "candidates": [("TMO", "MEAN", "TOT"), ("TMO", "MEAN", "customer=residential")],
        "at_most": 2,
    },
    {
        "pins": "C20's short abandons: unanswered calls that end less than 5 s after the request are left out",
        "rules": broken(short_abandon_seconds=0),
        "candidates": [("C20", "ON_TIME", "TOT"), ("C20", "ON_TIME", "customer=residential")],
        "at_most": 2,
    },
    {
        "pins": "C20's threshold is inclusive: a call answered after exactly 20 s is served within 20 s",
        "rules": broken(within=lambda wait: wait < C20_WITHIN_SECONDS),
        "candidates": [("C20", "ON_TIME", "TOT"), ("C20", "ON_TIME", "customer=residential"),
                       ("C20", "ON_TIME", "customer=business")],
        "at_most": 1,
    },
    {
        "pins": "the test calls (Causa esclusione `Chiamata di prova`) are excluded from TMO and C20",
        "data": lambda s: s.with_calls(lambda c: dict(c, exclusion="")),
        "candidates": [("TMO", "MEAN", "TOT"), ("C20", "ON_TIME", "TOT"), ("TMO", "MEAN", "customer=residential"),
                       ("C20", "ON_TIME", "customer=residential")],
        "at_most": 1,
    },
    {
        "pins": "the surveys' Windows-1252 `Sì` (byte 0xEC) against `No`: ISC M1, the response rate",
        "data": lambda s: s.with_surveys(lambda v: dict(v, responded=False)),
        "candidates": [("ISC", "M1", "TOT")],
        "at_most": 1,
    },
    {
        "pins": "a skipped question (empty score) is no score: ISC M5 is the mean of the scores given",
        "data": lambda s: s.with_surveys(lambda v: dict(v, scores=dict(v["scores"], **{"Rapidità": 1}))
                                          if v["responded"] and "Rapidità" not in v["scores"] else v),
        "candidates": [("ISC", "M5", "TOT")],
        "at_most": 1,
    },
    {
        "pins": "an ON_TIME share and the rates of the billing complaints, as published",
        "candidates": [("ATT", "ON_TIME", "TOT"), ("REC", "ON_TIME", "TOT"), ("FAT", "RATE", "TOT"),
                       ("ACC", "RATE", "TOT")],
        "at_most": 4,
        "column": "2025",
    },
]


def pinned_figures(data):
    """The figures of every pin, and the pins that no figure of the samples' reports depends on."""
    figures, not_pinned = [], []
    for pin in PINS:
        other = pin["data"](data) if "data" in pin else data
        rules = pin.get("rules", Rules)
        chosen = []
        for report, columns in REPORTS.items():
            for period in columns:
                if "column" in pin and period != pin["column"]:
                    continue
                for indicator, measure, segment in pin["candidates"]:
                    right = published(data, indicator, measure, period, segment)
                    wrong = published(other, indicator, measure, period, segment, rules)
                    if right["value"] and ("rules" not in pin and "data" not in pin or right != wrong):
                        differs = {k: v for k, v in wrong.items() if v != right[k]}
                        chosen.append((report, indicator, measure, period, segment, differs))
        # Prefer the candidates in their order, then the columns in report order.
        chosen.sort(key=lambda c: pin["candidates"].index((c[1], c[2], c[4])))
        for report, indicator, measure, period, segment, differs in chosen[:pin["at_most"]]:
            figures.append(figure(data, report, indicator, measure, period, segment, pin["pins"], differs))
        if not chosen:
            not_pinned.append({"pins": pin["pins"], "why": "no published figure of the samples' reports"
                               " changes when it is broken: the samples do not exercise it"})
    return figures, not_pinned


# ---------------------------------------------------------------------------
# Self-checks of the oracle against values worked out by hand


def self_check(generator_holidays):
    def at(text):
        return dt.datetime.strptime(text, "%d/%m/%Y %H:%M")
    hand = [  # the DST tickets of make-samples.py, elapsed minutes counted by hand
        ("29/03/2025 21:40", "30/03/2025 11:15", 12 * 60 + 35),
        ("30/03/2025 02:30", "30/03/2025 14:05", 10 * 60 + 35),  # 02:30 is 03:30 CEST
        ("25/10/2025 20:10", "26/10/2025 09:30", 14 * 60 + 20),
        ("26/10/2025 01:50", "26/10/2025 02:40", 50),  # 02:40 is its first occurrence, CEST
        ("28/03/2026 18:00", "29/03/2026 09:00", 14 * 60),
        ("24/10/2026 22:00", "25/10/2026 08:00", 11 * 60),
    ]
    for start, end, minutes in hand:
        assert elapsed_minutes(at(start), at(end)) == minutes, (start, end)
    assert half_up(Fraction(9995, 100), 1) == "100.0" and half_up(Fraction(125, 1000), 2) == "0.13"  # SPEC §4
    assert nearest_rank([5, 1, 4, 2, 3], 80) == 4 and nearest_rank([7], 95) == 7 and nearest_rank([], 95) is None
    # 19/06/2025 (Thursday): Fri 20, Mon 23, (Tue 24 San Giovanni), Wed 25, Thu 26.
    assert nth_working_day_after(dt.date(2025, 6, 19), 4, HOLIDAYS) == dt.date(2025, 6, 26)
    if generator_holidays != HOLIDAYS:
        raise SystemExit("headline_figures: the holiday list differs from make-samples.py's calendar: "
                         f"{sorted(generator_holidays ^ HOLIDAYS)}")


# ---------------------------------------------------------------------------


def write(path, generated):
    """Computes the figures from what make-samples.py generated and writes them as JSON.

    `generated`: "orders" and "tickets", every row in reading order (file, line, id, `when`
    — its Ultimo aggiornamento —, the generator's state, `bad` — None or why it is bad —);
    "invoices", every row (file, line, id, bad); "issued", (date, customer) of every valid
    document of type Fattura; "lines", the census (rows, per_month); "calls" and "surveys", every
    row in reading order (file, line, id, bad, and `state`, the values the platform and the survey
    tool meant: naive local times, outcome, customer, exclusion, scores); "files", the SHA-256 of
    every file written; "holidays", the generator's calendar.
    """
    self_check(frozenset(d for d in generated["holidays"] if 2024 <= d.year <= 2027))
    data = Samples(latest_valid(generated["orders"]), latest_valid(generated["tickets"]),
                   generated["lines"]["per_month"], generated["issued"],
                   [r["state"] for r in generated["calls"] if r["bad"] is None],
                   [r["state"] for r in generated["surveys"] if r["bad"] is None])

    rows = {"orders": generated["orders"], "tickets": generated["tickets"], "invoices": generated["invoices"],
            "calls": generated["calls"], "surveys": generated["surveys"]}
    sources = {name: source_counts(r) for name, r in rows.items()}
    sources["invoices"]["duplicates"] = 0  # not de-duplicated (deduplicate: false)
    sources["surveys"]["duplicates"] = 0  # never de-duplicated
    sources["lines"] = {"rows": generated["lines"]["rows"], "rejected": 0, "duplicates": 0}
    for name, source in sources.items():
        per_file = {}
        for r in rows.get(name, []):
            entry = per_file.setdefault(r["file"], {"rows": 0, "rejected": 0})
            entry["rows"] += 1
            entry["rejected"] += r["bad"] is not None
        if name == "lines":
            per_file["linee/linee_attive.csv"] = {"rows": generated["lines"]["rows"], "rejected": 0}
        prefix = {"orders": "ordini/", "tickets": "ticket/", "invoices": "fatture/", "lines": "linee/",
                  "calls": "chiamate/", "surveys": "sondaggi/"}[name]
        source["files"] = [dict({"path": p, "sha256": generated["files"][p]}, **per_file[p])
                           for p in sorted(generated["files"]) if p.startswith(prefix)]

    rejects = {name: [] for name in ("orders", "tickets", "invoices", "lines", "calls", "surveys")}
    for name in ("orders", "tickets", "invoices", "calls", "surveys"):
        for r in rows[name]:
            if r["bad"] is not None:
                column, value, _ = r["bad"]
                known = {"file": r["file"], "line": str(r["line"]), "id": r["id"], "field": FIELDS[column],
                         "value": value}
                rejects[name].append({c: known[c] for c in REJECT_COLUMNS})

    figures, not_pinned = pinned_figures(data)
    document = {
        "about": "Headline figures of the samples' reports, computed by scripts/headline_figures.py from the"
                 " values scripts/make-samples.py generates, independently of agcom-report; compared with"
                 " Tests/EndToEndTests/Golden/ by GoldenFigureTests. Regenerate with"
                 " `python3 scripts/make-samples.py`; do not edit.",
        "manifest": {"inputs": sources},
        "rejects": rejects,
        "figures": figures,
        "not_pinned": not_pinned,
    }
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(render(document) + "\n")
    return document


def render(value, indent=""):
    """JSON with an object of plain values on one line (a row, its cells, a file), else one member per line."""
    line = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, (dict, list)):
        return line
    members = value.values() if isinstance(value, dict) else value
    if not any(isinstance(v, (dict, list)) for v in members) and (isinstance(value, dict) or len(line) < 100):
        return line
    inner = indent + "  "
    if isinstance(value, dict):
        members = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {render(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(members) + "\n" + indent + "}"
    return "[\n" + ",\n".join(inner + render(v, inner) for v in value) + "\n" + indent + "]"
