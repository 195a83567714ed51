#!/usr/bin/env python3
"""Writes the bundled samples of agcom-report: samples/input/, samples/README.md and
samples/headline-figures.json (the figures the samples' reports must show, computed from the
values generated here by headline_figures.py, independently of agcom-report).

The samples are the exports of a fictitious Tuscan operator, Arnofibra S.r.l., for
2025 and 2026, shaped like what its CRM, trouble-ticketing and billing systems
produce: Italian headers and values, `;` delimiter, Windows-1252, CRLF, dates as
dd/mm/yyyy, decimal comma, monthly files made of overlapping nightly deltas, and a
handful of deliberately broken rows (listed in samples/README.md, with their lines).

Deterministic: a fixed random seed and no dependence on today's date; running it
twice gives byte-identical files. Python 3 standard library only.

    python3 scripts/make-samples.py            # rewrites samples/input/, README.md, headline-figures.json
"""

import csv
import datetime as dt
import hashlib
import io
import math
import os
import random
import shutil
import sys

import headline_figures

SEED = 20250624  # San Giovanni, patron saint of Firenze
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples")
INPUT = os.path.join(ROOT, "input")

FIRST_MONTH = (2025, 1)
LAST_MONTH = (2026, 12)
# Orders and tickets are simulated from here, so that the first files already carry
# records opened in late 2024 and closed in 2025.
SIM_START = dt.datetime(2024, 11, 1)
HORIZON = dt.datetime(2026, 12, 31, 23, 59)  # the last export runs at this point

ENCODING = "cp1252"

rng = random.Random(SEED)

# ---------------------------------------------------------------------------
# Calendar


def easter(year):
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def holidays(year):
    days = {(1, 1), (1, 6), (4, 25), (5, 1), (6, 2), (8, 15), (11, 1), (12, 8), (12, 25), (12, 26)}
    days.add((6, 24))  # San Giovanni Battista, Firenze (local holiday of the operator)
    if year >= 2026:
        days.add((10, 4))  # San Francesco, national holiday again from 2026 (L. 151/2025)
    result = {dt.date(year, m, d) for m, d in days}
    result.add(easter(year) + dt.timedelta(days=1))
    return result


HOLIDAYS = set()
for _y in range(2024, 2028):
    HOLIDAYS |= holidays(_y)


def technician_day(day):
    """Field technicians work Monday to Saturday, not on holidays."""
    return day.weekday() < 6 and day not in HOLIDAYS


def office_day(day):
    return day.weekday() < 5 and day not in HOLIDAYS


def next_day(day, predicate):
    while not predicate(day):
        day += dt.timedelta(days=1)
    return day


def months():
    y, m = FIRST_MONTH
    while (y, m) <= LAST_MONTH:
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def month_index(y, m):
    return (y - FIRST_MONTH[0]) * 12 + m - FIRST_MONTH[1]


def days_in_month(y, m):
    nxt = dt.date(y + 1, 1, 1) if m == 12 else dt.date(y, m + 1, 1)
    return (nxt - dt.date(y, m, 1)).days


def at(day, minutes):
    return dt.datetime(day.year, day.month, day.day) + dt.timedelta(minutes=minutes)


def fmt_dt(t):
    return t.strftime("%d/%m/%Y %H:%M") if t else ""


def fmt_d(d):
    return d.strftime("%d/%m/%Y") if d else ""


def fmt_int(n):
    """Italian thousands separator: 1234 -> 1.234."""
    return f"{n:,}".replace(",", ".")


def pick(weighted):
    items, weights = zip(*weighted)
    return rng.choices(items, weights=weights)[0]


# ---------------------------------------------------------------------------
# The operator's network: active lines per access and technology.
#
# Own network: FTTH (its own fibre in the Valdarno) and FWA (radio links in the hills).
# Wholesale: FTTH, FTTC and a shrinking ADSL base bought from the incumbent.

COMBOS = [
    ("Rete propria", "FTTH"),
    ("Rete propria", "FWA"),
    ("Wholesale", "FTTH"),
    ("Wholesale", "FTTC"),
    ("Wholesale", "ADSL"),
]


def base_lines(i):
    return {
        ("Rete propria", "FTTH"): 640 + 20 * i,
        ("Rete propria", "FWA"): 120 + i,
        ("Wholesale", "FTTH"): 60 + 4 * i,
        ("Wholesale", "FTTC"): 170 - i,
        ("Wholesale", "ADSL"): 90 - 2 * i,
    }


LINES = {}  # (y, m) -> {combo: n}
for _y, _m in months():
    _i = month_index(_y, _m)
    LINES[(_y, _m)] = {c: n + rng.randint(-4, 4) for c, n in base_lines(_i).items()}


def lines_in(t):
    key = (t.year, t.month)
    if key not in LINES:
        key = FIRST_MONTH if key < FIRST_MONTH else LAST_MONTH
    return LINES[key]


def total_lines(key):
    return sum(LINES[key].values())


SERVICES = [("Internet", 36), ("Voce+Internet", 57), ("Voce", 7)]
CUSTOMERS = [("Residenziale", 86), ("Affari", 14)]
REGIONS = [("09", 82), ("08", 5), ("10", 5), ("07", 3), ("12", 3), ("03", 1), ("11", 1)]


def pick_region():
    if rng.random() < 0.01:
        return f"{rng.randint(1, 20):02d}"
    return pick(REGIONS)


# ---------------------------------------------------------------------------
# Free-text notes of the CRM (Windows-1252 characters only).

NOTES_NEW = [
    "", "", "", "", "", "",
    "Ordine da sito web",
    "Contratto firmato in negozio (Empoli)",
    "Contratto firmato in negozio (Figline Valdarno)",
    "Cliente già cliente voce, passa alla fibra",
    "Migrazione da altro operatore; codice di migrazione già verificato",
    "Richiesto modem in comodato: consegna con il tecnico",
    'Cliente chiede "installazione al piano terra"',
    "Appuntamento da concordare perché il cliente è spesso fuori città",
    "Verifica copertura già fatta: civico coperto",
    "Attivazione con portabilità del numero; NP dopo l'attivazione",
    "Condominio: serve l'autorizzazione dell'amministratore",
    "Seconda sede dell'azienda, referente sig.ra Bianchi",
    "Cliente segnala “urgenza”: lavora da casa",
    "Più prese telefoniche; il cliente vuole il router in soggiorno",
    "Disdetta al vecchio operatore già inviata (raccomandata A/R)",
]
NOTES_PLANNED = [
    "Appuntamento fissato con il cliente",
    "Appuntamento confermato via SMS",
    "Cliente contattato: disponibile solo di mattina",
    "Richiesto sopralluogo; il tecnico passerà già in settimana",
    "Permessi di scavo richiesti al Comune; attesa 10 gg",
]
NOTES_DONE = [
    "", "", "",
    "Attivazione completata, velocità verificata",
    "Tecnico: ONT installata, test ok",
    "Linea attiva; il cliente naviga già",
    "Espletato dal fornitore wholesale; collaudo ok",
    'Cliente soddisfatto; "tutto perfetto" (cit.)',
    "Completato; il cliente però lamenta il ritardo",
    "Intervento in due uscite: prima uscita cliente assente\nseconda uscita ok",
    "Consegna modem € 0,00; pagamento in fattura",
    "Cablaggio verticale già presente; lavoro più rapido",
    "Attivato dopo sopralluogo: posati più di 20 m di canalina",
    "Linea attiva; numero portato il giorno dopo",
]
NOTES_FWA = [
    "Antenna FWA orientata; segnale buono (-62 dBm)",
    "Staffa a muro installata; cliente d'accordo sul posizionamento",
]
NOTES_CANCELLED = [
    "Annullato su richiesta del cliente (ripensamento entro 14 gg)",
    "Annullato: civico non coperto, perché manca il permesso comunale",
    "Cliente irreperibile dopo 3 tentativi",
    "Annullato; doppio ordine già inserito dal negozio",
    'Il cliente ha scelto un\'altra offerta: "costa meno"',
]
EXCLUSIONS = {
    "Richiesta cliente": [
        "Cliente chiede di rinviare l'attivazione: è all'estero fino a fine mese",
        "Il cliente vuole l'attivazione dopo il trasloco",
    ],
    "Impianto non predisposto": [
        "Impianto interno non predisposto; il cliente chiamerà l'elettricista",
        "Manca la canalina in casa; lavori a carico del cliente",
    ],
}

# ---------------------------------------------------------------------------
# Orders


class Record:
    """One order or ticket: a list of versions (update time, field dict)."""

    def __init__(self, rid):
        self.id = rid
        self.versions = []

    def add(self, when, **fields):
        state = dict(self.versions[-1][1]) if self.versions else {}
        state.update(fields)
        self.versions.append((when, state))


LEAD_DAYS = {  # (typical range, (tail probability, tail range), (far tail probability, range))
    ("Rete propria", "FTTH"): ((6, 18), (0.10, (19, 40)), (0.02, (41, 70))),
    ("Rete propria", "FWA"): ((2, 9), (0.06, (10, 25)), (0.0, (0, 0))),
    ("Wholesale", "FTTH"): ((12, 30), (0.12, (31, 60)), (0.03, (61, 100))),
    ("Wholesale", "FTTC"): ((6, 20), (0.08, (21, 45)), (0.01, (46, 80))),
    ("Wholesale", "ADSL"): ((5, 14), (0.05, (15, 40)), (0.0, (0, 0))),
}


def lead_days(combo):
    (lo, hi), (p1, (lo1, hi1)), (p2, (lo2, hi2)) = LEAD_DAYS[combo]
    r = rng.random()
    if r < p2:
        return rng.randint(lo2, hi2)
    if r < p2 + p1:
        return rng.randint(lo1, hi1)
    return rng.randint(lo, hi)


def order_combo(t):
    weights = dict(lines_in(t))
    weights[("Rete propria", "FTTH")] *= 1.6  # the own fibre network is where the growth is
    weights[("Wholesale", "ADSL")] *= 0.15  # almost nobody orders ADSL any more
    return pick(list(weights.items()))


def contract_days(access, customer):
    """The contractual term of an order: (the text exported, the number of days or None)."""
    if rng.random() < 0.25:
        return "", None  # legacy sales channel: no contractual term on the order
    if customer == "Affari":
        days = 30 if access == "Rete propria" else 45
    else:
        days = 60 if access == "Rete propria" else 90
    return (f"{days},0" if rng.random() < 0.06 else str(days)), days


def random_order_time(day):
    if rng.random() < 0.25:  # web orders, any time
        return at(day, rng.randint(0, 24 * 60 - 1))
    return at(day, rng.randint(9 * 60, 20 * 60 - 1))


def simulate_orders():
    orders = []
    start = SIM_START
    y, m = start.year, start.month
    while (y, m) <= LAST_MONTH:
        i = month_index(y, m)
        n = 30 + round(50 * max(i, 0) / 23) + rng.randint(-4, 4)
        n = max(30, min(80, n))
        dim = days_in_month(y, m)
        for _ in range(n):
            day = dt.date(y, m, rng.randint(1, dim))
            orders.append((random_order_time(day), None))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    orders.sort(key=lambda o: o[0])
    # Ids follow the order of reception within each year.
    counters = {}
    records = []
    for t0, _ in orders:
        counters[t0.year] = counters.get(t0.year, 0) + 1
        rid = f"ORD-{t0.year}-{counters[t0.year]:05d}"
        records.append(simulate_order(rid, t0))
    return records


def simulate_order(rid, t0):
    rec = Record(rid)
    combo = order_combo(t0)
    access, tech = combo
    customer = pick(CUSTOMERS)
    service = pick(SERVICES)
    if tech == "FWA" and service == "Voce":
        service = "Voce+Internet"
    stato_done = "Completato" if access == "Rete propria" else "Espletato"
    first_update = t0 + dt.timedelta(minutes=rng.randint(3, 90))
    contract, days = contract_days(access, customer)
    rec.add(
        first_update,
        order_date=t0, completion=None, agreed=None, contract=contract, contract_days=days,
        status="In lavorazione", service=service, access=access, tech=tech, customer=customer,
        region=pick_region(), exclusion="", note=rng.choice(NOTES_NEW),
    )
    r = rng.random()
    if r < 0.06:  # cancelled
        when = next_day(t0.date() + dt.timedelta(days=rng.randint(1, 20)), office_day)
        rec.add(at(when, rng.randint(9 * 60, 18 * 60)), status="Annullato", note=rng.choice(NOTES_CANCELLED))
        return rec
    exclusion = ""
    if r < 0.085:
        exclusion = "Richiesta cliente"
    elif r < 0.10:
        exclusion = "Impianto non predisposto"

    lead = lead_days(combo)
    if exclusion:
        lead += rng.randint(15, 50)
    agreed = None
    if rng.random() < 0.45:  # an appointment agreed with the customer
        planned = max(2, lead if rng.random() < 0.7 else lead - rng.randint(-3, 8))
        agreed = next_day(t0.date() + dt.timedelta(days=planned), technician_day)
        r2 = rng.random()
        if r2 < 0.72:
            done_day = agreed
        elif r2 < 0.82:
            done_day = agreed - dt.timedelta(days=rng.randint(1, 3))
        else:
            done_day = agreed + dt.timedelta(days=rng.randint(1, 12))
        done_day = max(done_day, t0.date() + dt.timedelta(days=1))
    else:
        done_day = t0.date() + dt.timedelta(days=max(lead, 1))
    done_day = next_day(done_day, technician_day)
    done = at(done_day, rng.randint(8 * 60, 18 * 60 + 30))

    # Intermediate update: appointment fixed, or exclusion recorded.
    if agreed or exclusion or rng.random() < 0.15:
        span = (done - t0).total_seconds() / 86400
        k = rng.randint(1, max(1, min(4, int(span) - 1)))
        mid_day = next_day(t0.date() + dt.timedelta(days=k), office_day)
        mid = at(mid_day, rng.randint(9 * 60, 19 * 60))
        if mid < done - dt.timedelta(hours=2) and mid > rec.versions[-1][0]:
            note = rng.choice(EXCLUSIONS[exclusion]) if exclusion else rng.choice(NOTES_PLANNED)
            rec.add(mid, agreed=agreed, exclusion=exclusion, note=note)
    note = rng.choice(NOTES_FWA) if tech == "FWA" and rng.random() < 0.5 else rng.choice(NOTES_DONE)
    if exclusion and len(rec.versions) == 1:
        note = rng.choice(EXCLUSIONS[exclusion])
    rec.add(done + dt.timedelta(minutes=rng.randint(5, 240)), completion=done, agreed=agreed,
            exclusion=exclusion, status=stato_done, note=note)
    return rec


def order_row(state):
    return [
        None,  # id, filled in by the caller
        fmt_dt(state["order_date"]),
        fmt_dt(state["completion"]),
        fmt_d(state["agreed"]),
        state["contract"],
        state["status"],
        state["service"],
        state["access"],
        state["tech"],
        state["customer"],
        state["region"],
        state["exclusion"],
        state["note"],
    ]


ORDER_HEADER = [
    "Codice ordine", "Data ordine", "Data espletamento", "Data concordata", "Giorni contrattuali", "Stato",
    "Servizio", "Accesso", "Tecnologia", "Tipo cliente", "Regione", "Causa esclusione", "Note",
    "Ultimo aggiornamento",
]

# ---------------------------------------------------------------------------
# Invoices


def simulate_invoices():
    """Bimonthly billing in two cycles (the 1st and the 16th), credit notes on office days."""
    by_month = {}
    all_invoices = []  # (date, number, service, customer)
    counters = {}
    for y, m in months():
        rows = []
        n = round(total_lines((y, m)) * rng.uniform(0.49, 0.52))
        for k in range(n):
            d = dt.date(y, m, 1 if k < n // 2 else 16)
            counters[("FE", y)] = counters.get(("FE", y), 0) + 1
            number = f"FE{y % 100:02d}/{counters[('FE', y)]:06d}"
            service, customer = pick(SERVICES), pick(CUSTOMERS)
            rows.append([number, fmt_d(d), "Fattura", service, customer])
            all_invoices.append((d, number, service, customer))
        for _ in range(max(2, round(n * rng.uniform(0.008, 0.016)))):
            d = next_day(dt.date(y, m, rng.randint(1, days_in_month(y, m) - 3)), office_day)
            counters[("NC", y)] = counters.get(("NC", y), 0) + 1
            number = f"NC{y % 100:02d}/{counters[('NC', y)]:05d}"
            rows.append([number, fmt_d(d), "Nota di credito", pick(SERVICES), pick(CUSTOMERS)])
        rows.sort(key=lambda r: (r[1][6:] + r[1][3:5] + r[1][0:2], r[0]))
        by_month[(y, m)] = rows
    return by_month, all_invoices


# ---------------------------------------------------------------------------
# Tickets

REPAIR_MEDIAN_HOURS = {
    ("Rete propria", "FTTH"): 13,
    ("Rete propria", "FWA"): 9,
    ("Wholesale", "FTTH"): 24,
    ("Wholesale", "FTTC"): 22,
    ("Wholesale", "ADSL"): 28,
}


def random_open_time(day, business=False):
    if business or rng.random() < 0.8:
        return at(day, rng.randint(7 * 60 + 30, 22 * 60))
    return at(day, rng.randint(0, 24 * 60 - 1))


def fault_versions(rec, opened, resolved, common):
    """The open version at opening and the resolved version at resolution."""
    rec.add(opened + dt.timedelta(minutes=rng.randint(2, 15)), opened=opened, resolved=None,
            esito="", **common)
    rec.add(resolved + dt.timedelta(minutes=rng.randint(1, 20)), resolved=resolved)


def make_fault(rid, opened, combo=None, effective=None, hours=None, exclusion="", plain=False):
    """A fault ticket; `plain` ones get no random suspension or exclusion."""
    rec = Record(rid)
    suspended, suspended_minutes = "", 0
    access, tech = combo or pick(list(lines_in(opened).items()))
    if effective is None:
        effective = rng.random() < 0.87
    if hours is None:
        if not effective:
            hours = rng.uniform(1.5, 30)
        else:
            hours = min(240, max(1.5, rng.lognormvariate(math.log(REPAIR_MEDIAN_HOURS[(access, tech)]), 0.85)))
    if effective and not plain and rng.random() < 0.12:
        minutes = rng.choice([30, 45, 60, 90, 120, 180, 240, 480, 720, 1440, 2880, 1260])
        suspended, suspended_minutes = fmt_int(minutes), minutes
        hours += minutes / 60
    if not exclusion and effective and not plain:
        r = rng.random()
        if r < 0.02:
            exclusion = "Forza maggiore"
            hours += rng.uniform(24, 96)
        elif r < 0.03:
            exclusion = "Richiesta cliente"
            hours += rng.uniform(24, 72)
    resolved = opened + dt.timedelta(minutes=round(hours * 60))
    # is_effective and suspended_minutes are the values behind the text, for headline_figures.py.
    common = dict(kind="Guasto", category="", effective="Sì" if effective else "No", suspended=suspended,
                  is_effective=effective, suspended_minutes=suspended_minutes, invoice="", service=pick(SERVICES),
                  access=access, tech=tech, customer=pick(CUSTOMERS),
                  region=pick_region(), exclusion=exclusion)
    fault_versions(rec, opened, resolved, common)
    return rec


def make_complaint(rid, opened, invoices_index, contested):
    rec = Record(rid)
    access, tech = pick(list(lines_in(opened).items()))
    billing = rng.random() < 0.55
    customer = pick(CUSTOMERS)
    service = pick(SERVICES)
    invoice = ""
    if billing and rng.random() < 0.88:
        recent = [c for c in contested if (opened - c[0]).days <= 45]
        if recent and rng.random() < 0.12:
            _, invoice, service, customer = rng.choice(recent)  # the customer complains again
        else:
            candidates = [
                inv for inv in invoices_index
                if 5 <= (opened.date() - inv[0]).days <= 60
            ]
            if candidates:
                _, invoice, service, customer = rng.choice(candidates)
                contested.append((opened, invoice, service, customer))
    days = min(75, max(0.2, rng.lognormvariate(math.log(8), 0.75)))
    res_day = next_day((opened + dt.timedelta(days=days)).date(), office_day)
    resolved = at(res_day, rng.randint(9 * 60, 18 * 60))
    if resolved <= opened + dt.timedelta(hours=2):
        resolved = opened + dt.timedelta(hours=rng.randint(2, 6))
    founded = rng.random() < (0.4 if billing else 0.25)
    common = dict(kind="Reclamo", category="Fatturazione" if billing else "Altro", effective="", suspended="",
                  is_effective=True, suspended_minutes=0, invoice=invoice, service=service, access=access, tech=tech,
                  customer=customer,
                  region=pick_region(), exclusion="")
    rec.add(opened + dt.timedelta(minutes=rng.randint(2, 30)), opened=opened, resolved=None, esito="In corso",
            **common)
    rec.add(resolved + dt.timedelta(minutes=rng.randint(1, 30)), resolved=resolved,
            esito="Fondato" if founded else "Infondato")
    return rec


# Tickets around the changes of time (Europe/Rome): forward on the last Sunday of March
# (02:00 -> 03:00), back on the last Sunday of October (03:00 -> 02:00).
DST_TICKETS = [
    # opened, resolved, what it exercises
    ("29/03/2025 21:40", "30/03/2025 11:15", "opened before and resolved after the spring-forward: 13 h 35 min on the wall clock, 12 h 35 min elapsed"),
    ("30/03/2025 02:30", "30/03/2025 14:05", "opened at 02:30, a time that does not exist (March gap)"),
    ("29/03/2025 23:50", "30/03/2025 02:20", "resolved at 02:20, a time that does not exist"),
    ("25/10/2025 20:10", "26/10/2025 09:30", "opened before and resolved after the fall-back: 13 h 20 min on the wall clock, 14 h 20 min elapsed"),
    ("26/10/2025 02:30", "26/10/2025 10:45", "opened at 02:30, a time that occurs twice (the first occurrence counts)"),
    ("26/10/2025 01:50", "26/10/2025 02:40", "resolved at 02:40, a time that occurs twice: 50 minutes elapsed"),
    ("28/03/2026 18:00", "29/03/2026 09:00", "across the 2026 spring-forward: 15 h wall clock, 14 h elapsed"),
    ("29/03/2026 02:15", "29/03/2026 08:45", "opened at 02:15, a time that does not exist"),
    ("24/10/2026 22:00", "25/10/2026 08:00", "across the 2026 fall-back: 10 h wall clock, 11 h elapsed"),
    ("25/10/2026 02:45", "25/10/2026 12:10", "opened at 02:45, a time that occurs twice"),
]


def parse_it(text):
    return dt.datetime.strptime(text, "%d/%m/%Y %H:%M")


def simulate_tickets(all_invoices):
    raw = []  # (opened, kind)
    y, m = SIM_START.year, SIM_START.month
    while (y, m) <= LAST_MONTH:
        key = (y, m) if (y, m) >= FIRST_MONTH else FIRST_MONTH
        lines = total_lines(key)
        n_faults = round(lines * rng.uniform(0.0150, 0.0190))
        n_complaints = round(lines * rng.uniform(0.0045, 0.0075))
        if (y, m) == (2025, 9):
            n_complaints += 8  # the price change of September 2025: a wave of billing complaints
        dim = days_in_month(y, m)
        if (y, m) == (2025, 11):  # storm over the Valdarno: a burst of faults on 3-4 November
            for _ in range(9):
                raw.append((at(dt.date(2025, 11, rng.choice([3, 4])), rng.randint(6 * 60, 21 * 60)), "storm"))
        for _ in range(n_faults):
            raw.append((random_open_time(dt.date(y, m, rng.randint(1, dim))), "fault"))
        for _ in range(n_complaints):
            day = dt.date(y, m, rng.randint(1, dim))
            raw.append((random_open_time(day, business=True), "complaint"))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    for opened, resolved, _ in DST_TICKETS:
        raw.append((parse_it(opened), ("dst", parse_it(resolved))))
    raw.sort(key=lambda r: r[0])

    invoices_index = [inv for inv in all_invoices]
    contested = []
    records = []
    seq = 48210
    for opened, kind in raw:
        seq += rng.randint(1, 3)  # the ticketing system numbers other queues too
        rid = f"INC{seq:07d}"
        if kind == "fault":
            records.append(make_fault(rid, opened))
        elif kind == "storm":
            records.append(make_fault(rid, opened, combo=("Rete propria", "FWA"), effective=True,
                                      exclusion="Forza maggiore", hours=rng.uniform(30, 70)))
        elif kind == "complaint":
            records.append(make_complaint(rid, opened, invoices_index, contested))
        else:
            resolved = kind[1]
            hours = (resolved - opened).total_seconds() / 3600
            rec = make_fault(rid, opened, combo=("Rete propria", "FTTH"), effective=True, hours=hours, plain=True)
            # The resolved time exactly as listed (make_fault rounds to minutes).
            rec.versions[-1] = (resolved + dt.timedelta(minutes=4), dict(rec.versions[-1][1], resolved=resolved))
            records.append(rec)
    return records


def local_holiday_fault():
    """A fault repaired on time only because of the local holiday (24 June, San Giovanni):
    reported Thu 19/06/2025, its deadline is the 4th working day after — Fri 20, Mon 23,
    Wed 25, Thu 26 with the 24th a holiday, Wed 25 without — and it is repaired on Thu 26.
    Built without the random generator and added after the simulation with an id of its
    own, so that every other row stays as it was."""
    rec = Record("INC0090624")
    opened, resolved = dt.datetime(2025, 6, 19, 10, 20), dt.datetime(2025, 6, 26, 15, 40)
    common = dict(kind="Guasto", category="", effective="Sì", suspended="", is_effective=True,
                  suspended_minutes=0, invoice="", service="Internet", access="Rete propria", tech="FTTH",
                  customer="Residenziale", region="09", exclusion="")
    rec.add(opened + dt.timedelta(minutes=6), opened=opened, resolved=None, esito="", **common)
    rec.add(resolved + dt.timedelta(minutes=9), resolved=resolved)
    return rec


def ticket_row(state):
    return [
        None,
        state["kind"],
        state["category"],
        fmt_dt(state["opened"]),
        fmt_dt(state["resolved"]),
        state["effective"],
        state["suspended"],
        state["invoice"],
        state["esito"],
        state["service"],
        state["access"],
        state["tech"],
        state["customer"],
        state["region"],
        state["exclusion"],
    ]


TICKET_HEADER = [
    "Numero ticket", "Tipo", "Categoria", "Data apertura", "Data chiusura", "Guasto effettivo",
    "Minuti sospensione", "Fattura contestata", "Esito", "Servizio", "Accesso", "Tecnologia", "Tipo cliente",
    "Regione", "Causa esclusione", "Ultimo aggiornamento",
]

# ---------------------------------------------------------------------------
# Nightly deltas -> monthly files


def daily_deltas(records, row_of):
    """day -> rows: each record once per day it changed, in its state at the end of that day."""
    deltas = {}
    for rec in records:
        last_of_day = {}
        for when, state in rec.versions:
            if when > HORIZON:
                break
            last_of_day[when.date()] = (when, state)
        for day, (when, state) in last_of_day.items():
            row = row_of(state)
            row[0] = rec.id
            row.append(fmt_dt(when))
            deltas.setdefault(day, []).append({"id": rec.id, "when": when, "row": row, "bad": None, "state": state})
    for rows in deltas.values():
        rows.sort(key=lambda r: r["id"])  # the export orders each night by primary key
    return deltas


def monthly_files(deltas):
    """Each monthly file is its nights' deltas plus the previous month's last night (overlap)."""
    files = {}
    for y, m in months():
        first = dt.date(y, m, 1)
        rows = [dict(r, row=list(r["row"]), overlap=True) for r in deltas.get(first - dt.timedelta(days=1), [])]
        for d in range(days_in_month(y, m)):
            rows.extend(dict(r, overlap=False) for r in deltas.get(first + dt.timedelta(days=d), []))
        files[(y, m)] = rows
    return files


# ---------------------------------------------------------------------------
# Deliberate damage


def find_row(rows, predicate, what):
    """The first row of a file (not an overlap copy, not on the month's last night) matching."""
    for r in rows:
        last_night = (r["when"] + dt.timedelta(days=1)).month != r["when"].month
        if not r.get("overlap") and not last_night and r["bad"] is None and predicate(r):
            return r
    sys.exit(f"make-samples: no row found for {what}")


def versions_in(files, rid):
    return [(key, r) for key in sorted(files) for r in files[key] if r["id"] == rid]


def damage_orders(files):
    bad = []

    # 1. An impossible order date typed over a valid one, on the completion row of a
    #    February order completed in March: the earlier valid version (open) stands.
    def feb_order_completed_in_march(r):
        return (r["row"][1].startswith(("1", "2")) and r["row"][1][2:10] == "/02/2025"
                and r["row"][5] in ("Completato", "Espletato") and len(versions_in(files, r["id"])) >= 2)
    r = find_row(files[(2025, 3)], feb_order_completed_in_march, "the impossible date")
    original = r["row"][1]
    r["row"][1] = "31/02/2025" + original[10:]
    r["bad"] = ("Data ordine", r["row"][1], "no such date (February 2025 has 28 days); the order's earlier valid"
                f" version (open, ordered {original[:10]}) stands")
    bad.append(("ordini", (2025, 3), r))

    # 2. A state the mapping does not know: an intermediate update of an order that is
    #    completed later; the rejected row is ignored, the completion counts.
    def open_then_completed(r):
        vs = versions_in(files, r["id"])
        return (r["row"][5] == "In lavorazione" and vs[-1][1]["row"][5] in ("Completato", "Espletato")
                and vs[-1][1] is not r and vs[0][1] is not r)
    r = find_row(files[(2025, 9)], open_then_completed, "the unknown state")
    r["row"][5] = "Sospeso"
    r["row"][12] = "Ordine sospeso in attesa dei documenti del cliente"
    r["bad"] = ("Stato", "Sospeso", "a state the configuration does not map; the order stays open until its next"
                " version, which completes it")
    bad.append(("ordini", (2025, 9), r))

    # 3. Completion before the order: the year of the completion typed as 2025 on a
    #    January 2026 order; the earlier valid version (open) stands.
    def jan_2026_completion(r):
        return (r["row"][1][3:10] == "01/2026" and r["row"][2][3:10] == "01/2026"
                and len(versions_in(files, r["id"])) >= 2)
    r = find_row(files[(2026, 1)], jan_2026_completion, "the completion before the order")
    r["row"][2] = r["row"][2][:6] + "2025" + r["row"][2][10:]
    r["bad"] = ("Data espletamento", r["row"][2], f"completion before the order ({r['row'][1]}): year typed wrong;"
                " the earlier valid version (open) stands")
    bad.append(("ordini", (2026, 1), r))

    # 4. A stray quote in the free-text note, written by hand in the CRM and exported as it
    #    is: the row is rejected (SPEC §2.3) and reading goes on; the order's other versions
    #    stand.
    def completed_with_earlier_version(r):
        vs = versions_in(files, r["id"])
        return r["row"][5] in ("Completato", "Espletato") and vs[0][1] is not r and len(vs) >= 2
    r = find_row(files[(2025, 5)], completed_with_earlier_version, "the stray quote")
    r["row"][12] = Raw('Cliente "VIP": richiamare dopo le 18')
    r["bad"] = ("Note", r["row"][12], "a quote inside an unquoted field (the CRM's note, a column the"
                " configuration does not read); the order's earlier valid version (open) stands")
    bad.append(("ordini", (2025, 5), r))
    return bad


def damage_tickets(files):
    bad = []

    # 4. Closed before it was opened: the month of the closing typed wrong.
    def june_fault_closed(r):
        return (r["row"][1] == "Guasto" and r["row"][4][3:10] == "06/2025" and r["row"][3][3:10] == "06/2025"
                and int(r["row"][3][:2]) >= 10 and len(versions_in(files, r["id"])) >= 2)
    r = find_row(files[(2025, 6)], june_fault_closed, "the ticket closed before opening")
    r["row"][4] = r["row"][4][:3] + "05" + r["row"][4][5:]
    r["bad"] = ("Data chiusura", r["row"][4], f"resolved before it was opened ({r['row'][3]}): month typed wrong;"
                " the earlier valid version (open) stands")
    bad.append(("ticket", (2025, 6), r))

    # 5. An impossible closing date: 29 February 2026 (not a leap year).
    def opened_feb_closed_march(r):
        return (r["row"][4][3:10] == "03/2026" and r["row"][3][3:10] == "02/2026"
                and len(versions_in(files, r["id"])) >= 2)
    r = find_row(files[(2026, 3)], opened_feb_closed_march, "the 29 February")
    r["row"][4] = "29/02/2026" + r["row"][4][10:]
    r["bad"] = ("Data chiusura", r["row"][4], "no such date (2026 is not a leap year); the earlier valid version"
                " (open) stands")
    bad.append(("ticket", (2026, 3), r))
    return bad


def damage_invoices(by_month):
    rows = by_month[(2025, 11)]
    for row in rows:
        if row[2] == "Nota di credito":
            row[1] = "31/11/2025"
            return [("fatture", (2025, 11), {"id": row[0], "row": row, "bad": (
                "Data emissione", "31/11/2025", "no such date (November has 30 days): a credit note keyed in by hand")})]
    sys.exit("make-samples: no credit note in November 2025")


# A record re-sent with an older state by a later export (replica lagging behind):
# the newer version read earlier must win (latest "Ultimo aggiornamento").
def stale_resends(files):
    notes = []
    for (y, m), target in [((2025, 5), (2025, 6)), ((2026, 4), (2026, 5))]:
        def open_then_done_same_month(r):
            vs = [v for v in versions_in(files, r["id"]) if not v[1].get("overlap")]
            return (r["row"][5] == "In lavorazione" and len(vs) >= 2 and vs[-1][0] == (y, m)
                    and vs[-1][1]["row"][5] in ("Completato", "Espletato"))
        r = find_row(files[(y, m)], open_then_done_same_month, "a stale re-send")
        copy = {"id": r["id"], "when": r["when"], "row": list(r["row"]), "bad": None, "overlap": False,
                "state": r["state"]}
        rows = files[target]
        pos = len(rows) // 3
        rows.insert(pos, copy)
        notes.append((target, copy))
    return notes


# ---------------------------------------------------------------------------
# Writing


# ---------------------------------------------------------------------------
# Customer care: the contact-centre platform's calls and the satisfaction surveys (255/24/CONS)
#
# The platform (a cloud contact centre) exports one row per inbound call to the customer
# service number, UTF-8 with a byte-order mark, `;`, CRLF, times to the second: the call
# enters the IVR (Inizio chiamata), may ask for an operator (Richiesta operatore), is
# answered (Risposta operatore) or abandoned, and ends (Fine chiamata). Open Monday to
# Saturday, 8:00-21:00. The survey tool sends an SMS invitation after some answered calls
# and exports the invitations with their answers (scores 1-10), Windows-1252 like the CRM.

CALL_HEADER = ["ID chiamata", "Inizio chiamata", "Richiesta operatore", "Risposta operatore", "Fine chiamata",
               "Coda", "Esito", "Tipo cliente", "Causa esclusione"]
SURVEY_HEADER = ["ID sondaggio", "Data invio", "Risposta", "Chiarezza", "Cortesia", "Qualità", "Rapidità",
                 "Tipo cliente"]
QUEUES = [("Assistenza tecnica", 55), ("Amministrazione", 30), ("Commerciale", 15)]


def fmt_dts(t):
    return t.strftime("%d/%m/%Y %H:%M:%S") if t else ""


def operator_wait(day, customer):
    """Seconds an operator takes to answer: mostly quick, a tail at busy times."""
    busy = 1.0
    if day.weekday() == 0:
        busy *= 1.4  # Monday mornings
    if (day.year, day.month) == (2025, 9):
        busy *= 2.2  # the wave of billing complaints after the price change
    if day in (dt.date(2025, 11, 3), dt.date(2025, 11, 4)):
        busy *= 3.0  # the FWA storm
    if customer == "Affari":
        busy *= 0.6  # the business queue has dedicated operators
    draw = rng.random()
    if draw < 0.55:
        wait = rng.expovariate(1 / 9)
    elif draw < 0.90:
        wait = rng.uniform(15, 110)
    else:
        wait = rng.uniform(110, 420)
    return max(0, int(wait * busy))


def simulate_calls():
    """Every call from January 2025 to December 2026, in order of start; each a dict of
    the platform's values (naive local times to the second)."""
    calls = []
    day = dt.date(2025, 1, 1)
    sequence = 0
    while day <= dt.date(2026, 12, 31):
        if day.weekday() < 6 and day not in HOLIDAYS:
            count = rng.randint(14, 26) if day.weekday() < 5 else rng.randint(4, 9)
            if (day.year, day.month) == (2025, 9):
                count += rng.randint(6, 12)
            starts = sorted(rng.randint(8 * 3600, 21 * 3600 - 1) for _ in range(count))
            for second in starts:
                sequence += 1
                started = dt.datetime(day.year, day.month, day.day) + dt.timedelta(seconds=second)
                customer = pick(CUSTOMERS)
                call = {"id": f"CC{sequence:07d}", "started": started, "requested": None, "answered": None,
                        "ended": None, "queue": pick(QUEUES), "customer": customer, "exclusion": ""}
                ivr = rng.randint(15, 95)
                if rng.random() < 0.17:  # served by the IVR alone (balance, invoice copy)
                    call["ended"] = started + dt.timedelta(seconds=ivr)
                    call["outcome"] = "Solo IVR"
                else:
                    call["requested"] = started + dt.timedelta(seconds=ivr)
                    wait = operator_wait(day, customer)
                    patience = rng.expovariate(1 / 240)
                    if wait > patience:  # abandoned while waiting
                        gone = int(patience) if rng.random() < 0.75 else rng.randint(0, 4)
                        call["ended"] = call["requested"] + dt.timedelta(seconds=gone)
                        call["outcome"] = "Abbandonata"
                        if rng.random() < 0.01:
                            call["ended"] = None  # the platform lost the end of the call
                    else:
                        call["answered"] = call["requested"] + dt.timedelta(seconds=wait)
                        call["ended"] = call["answered"] + dt.timedelta(seconds=rng.randint(40, 900))
                        call["outcome"] = "Risposta"
                calls.append(call)
        if day.day == 15 and day.weekday() < 5:  # the monthly test call of the service number
            sequence += 1
            started = dt.datetime(day.year, day.month, day.day, 7, 45, 10)
            calls.append({"id": f"CC{sequence:07d}", "started": started,
                          "requested": started + dt.timedelta(seconds=31),
                          "answered": started + dt.timedelta(seconds=31 + rng.randint(30, 200)),
                          "ended": started + dt.timedelta(seconds=400), "queue": "Assistenza tecnica",
                          "customer": "Residenziale", "exclusion": "Chiamata di prova", "outcome": "Risposta"})
        day += dt.timedelta(days=1)
    return calls


def call_row(call):
    return [call["id"], fmt_dts(call["started"]), fmt_dts(call["requested"]), fmt_dts(call["answered"]),
            fmt_dts(call["ended"]), call["queue"], call["outcome"], call["customer"], call["exclusion"]]


def bad_calls(calls):
    """Three rows the platform gets wrong, each a call of its own that must be rejected."""
    def after(text):
        return next(i for i, c in enumerate(calls) if c["started"] >= dt.datetime.strptime(text, "%d/%m/%Y"))
    bad = []
    # 31 April does not exist: a hand-typed correction in the export.
    i = after("30/04/2025")
    row = call_row(dict(calls[i], id="CC9000001"))
    row[1] = "31/04/2025 10:12:33"
    bad.append((i, {"id": "CC9000001", "row": row, "bad": ("Inizio chiamata", row[1], "no such date (April has 30 days): a start corrected by hand")}))
    # A node of the platform with its clock behind: answered before the request.
    i = after("12/02/2026")
    requested = dt.datetime(2026, 2, 12, 9, 14, 2)
    row = ["CC9000002", "12/02/2026 09:13:20", fmt_dts(requested), fmt_dts(requested - dt.timedelta(seconds=7)),
           "12/02/2026 09:20:41", "Amministrazione", "Risposta", "Residenziale", ""]
    bad.append((i, {"id": "CC9000002", "row": row,
                    "bad": ("Risposta operatore", row[3], "answered 7 s before the operator was requested: a node of the platform"
                                                          " with its clock behind")}))
    # A transfer from the back office: answered, but no operator was ever requested.
    i = after("03/11/2026")
    row = ["CC9000003", "03/11/2026 16:02:09", "", "03/11/2026 16:02:40", "03/11/2026 16:09:55",
           "Commerciale", "Risposta", "Affari", ""]
    bad.append((i, {"id": "CC9000003", "row": row,
                    "bad": ("Risposta operatore", row[3], "answered, but no operator was ever requested: a transfer from"
                                                          " the back office")}))
    return bad


def simulate_surveys(calls):
    """An SMS invitation after about one answered call in three; a third of them answered."""
    surveys = []
    for call in calls:
        if call["answered"] is None or call["exclusion"] or rng.random() >= 0.33:
            continue
        sent = (call["ended"] + dt.timedelta(minutes=rng.randint(5, 30))).replace(second=0)
        survey = {"id": "SD" + call["id"][2:], "sent": sent, "responded": rng.random() < 0.31,
                  "customer": call["customer"], "scores": {}}
        if survey["responded"]:
            wait = (call["answered"] - call["requested"]).total_seconds()
            for question in ("Chiarezza", "Cortesia", "Qualità", "Rapidità"):
                if rng.random() < 0.06:
                    continue  # the customer skipped the question
                low = 5 if question != "Rapidità" or wait < 60 else 2
                survey["scores"][question] = min(10, max(1, rng.randint(low, 10)))
        surveys.append(survey)
    return surveys


def survey_row(survey):
    return [survey["id"], fmt_dt(survey["sent"]), "Sì" if survey["responded"] else "No"] + [
        str(survey["scores"].get(q, "")) for q in ("Chiarezza", "Cortesia", "Qualità", "Rapidità")
    ] + [survey["customer"]]


def bad_surveys(surveys):
    """Two answers the survey tool should never have exported."""
    def after(text):
        return next(i for i, s in enumerate(surveys) if s["sent"] >= dt.datetime.strptime(text, "%d/%m/%Y"))
    bad = []
    i = after("18/06/2025")
    row = ["SD9000001", fmt_dt(surveys[i]["sent"]), "Sì", "9", "11", "8", "7", "Residenziale"]
    bad.append((i, {"id": "SD9000001", "row": row, "bad": ("Cortesia", "11", "a score of 11 on the 1–10 scale")}))
    i = after("21/01/2026")
    row = ["SD9000002", fmt_dt(surveys[i]["sent"]), "No", "8", "", "", "", "Affari"]
    bad.append((i, {"id": "SD9000002", "row": row, "bad": ("Chiarezza", "8", "a score on an invitation not answered (Risposta No)")}))
    return bad


def care_files(items, when, row_of, bad):
    """Monthly files (by `when`) of the rows, each bad row inserted before the item it names."""
    files = {}
    inserted = {}
    for index, entry in bad:
        inserted.setdefault(index, []).append(entry)
    for index, item in enumerate(items):
        t = when(item)
        for entry in inserted.get(index, []):
            files.setdefault((t.year, t.month), []).append(dict(entry, state=None))
        files.setdefault((t.year, t.month), []).append(
            {"id": item["id"], "row": row_of(item), "bad": None, "state": item})
    return files


WRITTEN = {}  # path under input/ -> SHA-256 of the bytes written


class Raw(str):
    """A field written exactly as it is, never quoted: a CRM note holding a stray quote."""


def write_csv(path, header, rows, encoding=ENCODING, bom=False):
    """Writes Windows-1252 (or `encoding`, with a byte-order mark when `bom`), `;`, CRLF; returns
    the 1-based line where each row starts."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=";", quotechar='"', lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    starts = []
    line = 2
    for row in rows:
        before = buf.tell()
        raw = {f"RAWFIELD{i}": field for i, field in enumerate(row) if isinstance(field, Raw)}
        writer.writerow([f"RAWFIELD{i}" if isinstance(field, Raw) else field for i, field in enumerate(row)])
        text = buf.getvalue()[before:]
        if raw:
            for token, field in raw.items():
                text = text.replace(token, field)
            buf.seek(before)
            buf.truncate()
            buf.write(text)
        starts.append(line)
        line += text.count("\n")
    data = (b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode(encoding)  # raises if a character is not in Windows-1252
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    WRITTEN[os.path.relpath(path, INPUT)] = hashlib.sha256(data).hexdigest()
    return starts


def main():
    if os.path.isdir(INPUT):
        shutil.rmtree(INPUT)

    invoices_by_month, all_invoices = simulate_invoices()
    orders = simulate_orders()
    tickets = simulate_tickets(all_invoices) + [local_holiday_fault()]

    order_files = monthly_files(daily_deltas(orders, order_row))
    ticket_files = monthly_files(daily_deltas(tickets, ticket_row))
    stale = stale_resends(order_files)
    bad = damage_orders(order_files) + damage_tickets(ticket_files) + damage_invoices(invoices_by_month)
    # Customer care last, so that the random draws above (and the files they make) stay as they were.
    calls = simulate_calls()
    surveys = simulate_surveys(calls)
    call_files = care_files(calls, lambda c: c["started"], call_row, bad_calls(calls))
    survey_files = care_files(surveys, lambda s: s["sent"], survey_row, bad_surveys(surveys))

    counts = {"ordini": 0, "ticket": 0, "fatture": 0, "linee": 0, "chiamate": 0, "sondaggi": 0}
    lines_of = {}  # id(row) -> (file, line)
    for (y, m), rows in order_files.items():
        name = f"ordini/ordini_{y}-{m:02d}.csv"
        starts = write_csv(os.path.join(INPUT, name), ORDER_HEADER, [r["row"] for r in rows])
        counts["ordini"] += len(rows)
        for r, line in zip(rows, starts):
            lines_of[id(r["row"])] = (name, line)
    for (y, m), rows in ticket_files.items():
        name = f"ticket/ticket_{y}-{m:02d}.csv"
        starts = write_csv(os.path.join(INPUT, name), TICKET_HEADER, [r["row"] for r in rows])
        counts["ticket"] += len(rows)
        for r, line in zip(rows, starts):
            lines_of[id(r["row"])] = (name, line)
    for (y, m), rows in invoices_by_month.items():
        name = f"fatture/fatture_{y}-{m:02d}.csv"
        starts = write_csv(os.path.join(INPUT, name),
                           ["Numero documento", "Data emissione", "Tipo documento", "Servizio", "Tipo cliente"], rows)
        counts["fatture"] += len(rows)
        for r, line in zip(rows, starts):
            lines_of[id(r)] = (name, line)
    line_rows = []
    for (y, m) in months():
        for combo in COMBOS:
            line_rows.append([f"{y}-{m:02d}", combo[0], combo[1], fmt_int(LINES[(y, m)][combo])])
    write_csv(os.path.join(INPUT, "linee", "linee_attive.csv"), ["Mese", "Accesso", "Tecnologia", "Linee attive"],
              line_rows)
    counts["linee"] = len(line_rows)
    for folder, files, header, encoding, bom in (("chiamate", call_files, CALL_HEADER, "utf-8", True),
                                                 ("sondaggi", survey_files, SURVEY_HEADER, ENCODING, False)):
        for (y, m), rows in sorted(files.items()):
            name = f"{folder}/{folder}_{y}-{m:02d}.csv"
            starts = write_csv(os.path.join(INPUT, name), header, [r["row"] for r in rows], encoding, bom)
            counts[folder] += len(rows)
            for r, line in zip(rows, starts):
                lines_of[id(r["row"])] = (name, line)
    care_bad = [(folder, r) for folder, files in (("chiamate", call_files), ("sondaggi", survey_files))
                for rows in files.values() for r in rows if r["bad"] is not None]

    bad_list = []
    for source, _, r in bad:
        name, line = lines_of[id(r["row"])]
        field, value, why = r["bad"]
        bad_list.append((name, line, r["id"], field, value, why))
    for source, r in sorted(care_bad, key=lambda b: lines_of[id(b[1]["row"])]):
        name, line = lines_of[id(r["row"])]
        field, value, why = r["bad"]
        bad_list.append((name, line, r["id"], field, value, why))
    stale_list = [(lines_of[id(r["row"])], r["id"]) for _, r in stale]

    # What `agcom-report check` must report: rows read, rejected, duplicates folded (valid
    # rows minus distinct ids among them).
    summary = {}
    for source, files in (("ordini", order_files), ("ticket", ticket_files)):
        rows = [r for f in files.values() for r in f]
        valid = [r for r in rows if r["bad"] is None]
        summary[source] = (len(rows), len(rows) - len(valid), len(valid) - len({r["id"] for r in valid}))
    summary["fatture"] = (counts["fatture"], 1, 0)
    summary["linee"] = (counts["linee"], 0, 0)
    for folder, files in (("chiamate", call_files), ("sondaggi", survey_files)):
        rows = [r for f in files.values() for r in f]
        summary[folder] = (len(rows), sum(r["bad"] is not None for r in rows), 0)

    write_readme(counts, bad_list, stale_list, summary)

    # The headline figures, computed from the values generated (not from the files written).
    def in_reading_order(files):
        """Every row of a source, files in path order, with where it was written."""
        return [dict(r, file=lines_of[id(r["row"])][0], line=lines_of[id(r["row"])][1])
                for key in sorted(files) for r in files[key]]
    bad_invoices = {r["id"]: r["bad"] for source, _, r in bad if source == "fatture"}
    figures = headline_figures.write(os.path.join(ROOT, "headline-figures.json"), {
        "orders": in_reading_order(order_files),
        "tickets": in_reading_order(ticket_files),
        "invoices": [{"id": row[0], "file": lines_of[id(row)][0], "line": lines_of[id(row)][1],
                      "bad": bad_invoices.get(row[0])}
                     for key in sorted(invoices_by_month) for row in invoices_by_month[key]],
        "issued": [(d, customer) for d, number, _, customer in all_invoices if number not in bad_invoices],
        "lines": {"rows": counts["linee"], "per_month": LINES},
        "calls": in_reading_order(call_files),
        "surveys": in_reading_order(survey_files),
        "files": WRITTEN,
        "holidays": HOLIDAYS,
    })
    print(f"samples written to {os.path.relpath(INPUT)}")
    for source, n in counts.items():
        print(f"  {source:8s} {n:6d} rows")
    print("deliberately bad rows:")
    for name, line, rid, field, value, _ in bad_list:
        print(f"  {name}:{line}  {rid}  {field} = {value!r}")
    print(f"{len(figures['figures'])} headline figures written to {os.path.relpath(ROOT)}/headline-figures.json")
    for pin in figures["not_pinned"]:
        print(f"  not pinned (no figure depends on it): {pin['pins']}")


def write_readme(counts, bad_list, stale_list, summary):
    bad_rows = "\n".join(
        f"| `{name}` | {line} | `{rid}` | {field} = `{value}` | {why} |" for name, line, rid, field, value, why in bad_list
    )
    stale_rows = "\n".join(f"  - `{name}` line {line}: `{rid}`" for (name, line), rid in stale_list)
    dst_rows = "\n".join(f"  - {o} → {r}: {why}" for o, r, why in DST_TICKETS)
    first, last = total_lines(FIRST_MONTH), total_lines(LAST_MONTH)
    names = {"ordini": "orders", "ticket": "tickets", "fatture": "invoices", "linee": "lines", "chiamate": "calls",
             "sondaggi": "surveys"}
    summary_rows = "\n".join(
        f"| {names[k]} | {n} | {rej} | {dup} |" for k, (n, rej, dup) in summary.items()
    )
    text = f"""# Bundled samples

*Generated by `scripts/make-samples.py` (fixed seed, byte-identical on every run): edit the
script, not this file or `input/`.* `operator.yaml` is the configuration that reads them:

    agcom-report check --config samples/operator.yaml --input samples/input

## The operator

**Arnofibra S.r.l.** (fictitious; VAT number `IT00000000000`), a regional operator based
in Firenze, selling fixed broadband and voice in Tuscany (ISTAT region `09`) and a few
neighbouring regions. It runs its own FTTH network in the Valdarno and FWA radio links in
the hills, and resells the incumbent's FTTH, FTTC and (shrinking) ADSL access as
*Wholesale*. {fmt_int(first)} active lines in January 2025, {fmt_int(last)} in December 2026. The local
holiday is San Giovanni (24 June, patron saint of Firenze).

## Files (`input/`)

All files are what the operator's systems export: `;` delimiter, **Windows-1252**, CRLF,
no BOM, Italian headers and values, dates `dd/mm/yyyy HH:mm` (dates only `dd/mm/yyyy`),
decimal comma (`60,0`) and thousands dot (`1.440` minutes, `1.096` lines).

| folder | system | rows | shape |
|---|---|---|---|
| `ordini/ordini_YYYY-MM.csv` | CRM / provisioning | {counts['ordini']} | orders: the nightly deltas of the month (each order once per night it changed, in its state that night), plus the last night of the previous month again (the export window overlaps by one day) |
| `ticket/ticket_YYYY-MM.csv` | trouble ticketing | {counts['ticket']} | faults (`Guasto`) and complaints (`Reclamo`), same delta shape: a ticket appears when opened and again when closed |
| `fatture/fatture_YYYY-MM.csv` | billing | {counts['fatture']} | one row per document; bimonthly billing in two cycles (the 1st and the 16th), credit notes on office days |
| `linee/linee_attive.csv` | network inventory | {counts['linee']} | active lines per month, access and technology |
| `chiamate/chiamate_YYYY-MM.csv` | contact-centre platform | {counts['chiamate']} | one row per inbound call to the customer service number, by month of the call: **UTF-8 with a byte-order mark**, times to the second (`dd/mm/yyyy HH:mm:ss`); `Richiesta operatore` empty when the IVR alone served the call, `Risposta operatore` empty when it was abandoned |
| `sondaggi/sondaggi_YYYY-MM.csv` | survey tool | {counts['sondaggi']} | one row per SMS invitation sent after an answered call, with the answers (`Risposta` `Sì`/`No`, four scores 1–10, empty when a question was skipped) |

Things worth knowing when reading the results:

- Orders and tickets opened in late 2024 and closed in January 2025 appear in the
  January files; orders still open on 31/12/2026 stay `In lavorazione`.
- `Stato` is `Completato` for the own network and `Espletato` for wholesale orders (two
  provisioning flows): both mean *completed*.
- `Note` holds free text with accents, `€`, curly quotes, `;`, `"` and now and then a line
  break inside the quoted field, so a record can span two lines.
- A couple of orders are re-sent by a later file in an **older** state (open, with an older
  `Ultimo aggiornamento`): the newer version read earlier must win:
{stale_rows}
- September 2025: a price change brings a wave of billing complaints; 3–4 November 2025: a
  storm takes down FWA links (faults excluded as `Forza maggiore`).
- Calls: Monday to Saturday 8:00–21:00; about one call in six ends in the IVR, some callers
  hang up while waiting (a few within seconds: short abandons, left out of C20), and once in
  a while the platform loses the end of an abandoned call. The business queue answers faster.
  September 2025 (the billing wave) and 3–4 November 2025 (the storm) bring long waits. On
  the 15th of each month (a working day) a test call at 7:45 is marked `Chiamata di prova`
  (excluded).
- Tickets around the changes of time (Europe/Rome):
{dst_rows}

## Deliberately bad rows

Each must be rejected, and nothing else; all together they stay far below the 0.5 %
reject threshold, so a run succeeds. Lines are physical lines of the file (the header is
line 1) where the record starts; a note with a line break makes a record two lines long.
Every bad order and ticket row is a version of a record that also has valid versions:
de-duplication must ignore it and keep the latest *valid* version.

| file | line | record | field = value | why it is bad |
|---|---|---|---|---|
{bad_rows}

`agcom-report check` must therefore report (these counts, and figures of the reports computed
independently of agcom-report, are also in `headline-figures.json`, which the tests compare with
the golden reports):

| source | rows | rejected | duplicates folded |
|---|---|---|---|
{summary_rows}
"""
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    main()
