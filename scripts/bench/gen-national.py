#!/usr/bin/env python3
"""Writes a year of exports shaped like the national operator's, scaled by F (issue 14, target 2).

Usage: gen-national.py DIR --fraction F [--seed 1]

In the canonical format of samples/acceptance-care.yaml (`,`, UTF-8, canonical headers and
values), one file per source and month of export as operators send them
(`orders/orders_2025-01.csv` ...), for the year 2025:

- orders: 4 M x F orders placed from Dec 2024 to Dec 2025. Each is exported when placed
  (status open) and again in the month it is completed or cancelled, with a later
  `updated_at`; 5 % of the open versions arrive again, stale (their old `updated_at`), in a
  later month's file and must lose; 3 % carry an exclusion code.
- tickets: 3 M x F tickets (75 % faults, 25 % complaints, half of them on billing, with an
  invoice id), exported when opened and again when resolved, same pattern.
- invoices: 240 M x F rows, 20 M x F per monthly file (1 in 50 a credit note), never repeated.
- calls: 30 M x F inbound calls (70 % ask for an operator, 92 % of those are answered, waits
  mostly under 20 s with a tail of minutes); 2 % re-exported the next month with a later
  `updated_at` (some now answered or excluded).
- surveys: one invitation per 20 calls, 24 % answered, scores 1-10.
- lines: the monthly census by access and technology, 8 M x F lines.

About 1 in 5,000 rows of orders, tickets and calls is broken (a bad date, a completion before
the order), so that both contenders must apply the row rules. Times are naive local times;
every day of the year occurs, so DST days do too. Deterministic for a seed.
"""
import argparse
import datetime
import os
import random

ORDERS, TICKETS, INVOICES, CALLS = 4_000_000, 3_000_000, 240_000_000, 30_000_000
YEAR = 2025
DAY0 = datetime.date(YEAR - 1, 12, 1)
DAYS = [(DAY0 + datetime.timedelta(days=d)).isoformat() for d in range(0, 500)]
SERVICES = ["voice", "broadband", "bundle"]
ACCESSES = ["own", "wholesale"]
TECHS = ["FTTH", "FTTC", "ADSL", "FWA"]
CUSTOMERS = ["residential", "business"]


def month_of(day):
    """Export month (index 0 = Dec 2024) of a day index."""
    date = DAY0 + datetime.timedelta(days=day)
    return (date.year - DAY0.year) * 12 + date.month - DAY0.month


def month_name(index):
    year, month = DAY0.year + (DAY0.month - 1 + index) // 12, (DAY0.month - 1 + index) % 12 + 1
    return f"{year}-{month:02d}"


def stamp(day, minute):
    day += minute // 1440
    minute %= 1440
    return f"{DAYS[day]} {minute // 60:02d}:{minute % 60:02d}"


def stamp_s(day, second):
    day += second // 86400
    second %= 86400
    return f"{DAYS[day]} {second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}"


class Monthly:
    """Rows per export month, written as one file per month."""

    def __init__(self, directory, source, header, single=False):
        self.directory, self.source, self.header = os.path.join(directory, source), source, header
        self.single = single  # one file, <source>.csv, holding the months in order
        os.makedirs(self.directory, exist_ok=True)
        self.rows = {}

    def add(self, month, row):
        self.rows.setdefault(min(month, 13), []).append(row)

    def write(self):
        if self.single:
            with open(os.path.join(self.directory, f"{self.source}.csv"), "w", newline="") as out:
                out.write(self.header)
                for _, rows in sorted(self.rows.items()):
                    out.write("".join(rows))
            return
        for month, rows in sorted(self.rows.items()):
            with open(os.path.join(self.directory, f"{self.source}_{month_name(month)}.csv"), "w", newline="") as out:
                out.write(self.header)
                out.write("".join(rows))


def orders(directory, count, rng):
    out = Monthly(directory, "orders", "order_id,order_date,completion_date,agreed_date,contract_days,status,"
                                       "service,access,technology,customer,region,exclusion,note,updated_at\n")
    for index in range(count):
        day = rng.randrange(0, 395)
        minute = rng.randrange(8 * 60, 20 * 60)
        dims = f"{rng.choice(SERVICES)},{rng.choice(ACCESSES)},{rng.choice(TECHS)},{rng.choice(CUSTOMERS)}," \
               f"{rng.randrange(1, 21):02d}"
        exclusion = "customer_delay" if rng.random() < 0.03 else ""
        agreed = DAYS[day + rng.randrange(5, 60)] if rng.random() < 0.5 else ""
        contract = str(rng.choice([30, 60, 90])) if rng.random() < 0.2 else ""
        oid = f"ORD{index:09d}"
        placed = stamp(day, minute)
        first_update = stamp(day, minute + 30)
        open_row = f"{oid},{placed},,{agreed},{contract},open,{dims},,,{first_update}\n"
        out.add(month_of(day), open_row)
        done_day = day + int(rng.expovariate(1 / 18))
        if done_day >= 395:
            continue
        status = "completed" if rng.random() < 0.93 else "cancelled"
        done_minute = rng.randrange(8 * 60, 20 * 60) if done_day > day else minute + rng.randrange(30, 300)
        completed = stamp(done_day, done_minute) if status == "completed" else ""
        note = "\"Cliente assente; riprogrammato\"" if rng.random() < 0.1 else ""
        if rng.random() < 0.0002:
            completed = stamp(day, minute - 60) if status == "completed" else "2025-02-31 10:00"
        out.add(month_of(done_day), f"{oid},{placed},{completed},{agreed},{contract},{status},{dims},{exclusion},"
                                    f"{note},{stamp(done_day, done_minute + 60)}\n")
        if rng.random() < 0.05:
            out.add(month_of(done_day) + rng.randrange(0, 2), open_row)
    out.write()


def tickets(directory, count, invoices, rng):
    out = Monthly(directory, "tickets", "ticket_id,kind,category,opened_at,resolved_at,effective,"
                                        "suspended_minutes,invoice_id,outcome,service,access,technology,customer,"
                                        "region,exclusion,updated_at\n")
    for index in range(count):
        day = rng.randrange(0, 395)
        minute = rng.randrange(0, 1440)
        dims = f"{rng.choice(SERVICES)},{rng.choice(ACCESSES)},{rng.choice(TECHS)},{rng.choice(CUSTOMERS)}," \
               f"{rng.randrange(1, 21):02d}"
        if rng.random() < 0.75:
            kind, category, invoice, outcome = "fault", "", "", ""
            effective = "false" if rng.random() < 0.05 else "true"
            duration = int(rng.expovariate(1 / 2400))
        else:
            kind, category, effective = "complaint", rng.choice(["billing", "other"]), ""
            invoice = f"FT{rng.randrange(1, 13):02d}{rng.randrange(0, max(invoices // 12, 1)):09d}" \
                if category == "billing" and rng.random() < 0.9 else ""
            outcome = rng.choice(["founded", "unfounded", "pending"]) if category == "billing" else ""
            duration = int(rng.expovariate(1 / 20000))
        exclusion = "force_majeure" if rng.random() < 0.02 else ""
        suspended = str(rng.randrange(0, 600)) if rng.random() < 0.1 else ""
        tid = f"TT{index:09d}"
        opened = stamp(day, minute)
        head = f"{tid},{kind},{category},{opened}"
        tail = f"{effective},{suspended},{invoice},{outcome},{dims},{exclusion}"
        open_row = f"{head},,{tail},{stamp(day, minute + 5)}\n"
        out.add(month_of(day), open_row)
        end = day * 1440 + minute + duration
        if end // 1440 >= 395:
            continue
        resolved = stamp(day, minute + duration)
        if rng.random() < 0.0002:
            resolved = stamp(day, minute - 60)
        out.add(month_of(end // 1440), f"{head},{resolved},{tail},{stamp(day, minute + duration + 5)}\n")
        if rng.random() < 0.05:
            out.add(month_of(end // 1440) + rng.randrange(0, 2), open_row)
    out.write()


def invoices(directory, count, rng):
    os.makedirs(os.path.join(directory, "invoices"), exist_ok=True)
    tails = []
    for index in range(200):
        doc = "credit_note" if index % 50 == 0 else "invoice"
        tails.append(f",{doc},{SERVICES[index % 3]},{CUSTOMERS[(index // 3) % 2]}\n")
    per_month = count // 12
    for month in range(1, 13):
        first = (datetime.date(YEAR, month, 1) - DAY0).days
        days = (datetime.date(YEAR + month // 12, month % 12 + 1, 1) - datetime.date(YEAR, month, 1)).days
        with open(os.path.join(directory, "invoices", f"invoices_{YEAR}-{month:02d}.csv"), "w", newline="") as out:
            out.write("invoice_id,issue_date,doc_type,service,customer\n")
            block = 100_000
            for start in range(0, per_month, block):
                rows = []
                for index in range(start, min(start + block, per_month)):
                    rows.append(f"FT{month:02d}{index:09d},{DAYS[first + index * days // per_month]}"
                                f"{tails[(index * 7) % 200]}")
                out.write("".join(rows))


def calls(directory, count, rng, single=False):
    out = Monthly(directory, "calls", "call_id,started_at,operator_requested_at,answered_at,ended_at,customer,"
                                      "region,exclusion,updated_at\n", single)
    surveys = Monthly(directory, "surveys", "survey_id,sent_at,responded,clarity,courtesy,quality,speed,customer\n",
                      single)
    random_ = rng.random
    for index in range(count):
        day = 31 + int(random_() * 365)
        start = int(random_() * 86400)
        customer = CUSTOMERS[index % 7 == 0]
        exclusion = "test_call" if random_() < 0.01 else ""
        requested = answered = ""
        if random_() < 0.7:
            ask = start + 10 + int(random_() * 60)
            requested = stamp_s(day, ask)
            wait = int(rng.expovariate(1 / 25)) if random_() < 0.97 else 120 + int(random_() * 900)
            if random_() < 0.92:
                answered = stamp_s(day, ask + wait)
                end = ask + wait + 60 + int(random_() * 600)
            else:
                end = ask + int(random_() * wait)
        else:
            end = start + 30 + int(random_() * 120)
        ended = stamp_s(day, end)
        if random_() < 0.0002:
            ended = stamp_s(day, start - 5)
        cid = f"CH{index:010d}"
        month = month_of(day)
        out.add(month, f"{cid},{stamp_s(day, start)},{requested},{answered},{ended},{customer},,{exclusion},"
                       f"{stamp_s(day, end + 900)}\n")
        if random_() < 0.02:
            out.add(month + 1, f"{cid},{stamp_s(day, start)},{requested},{answered},{ended},{customer},,"
                               f"{'mass_outage' if random_() < 0.2 else exclusion},{stamp_s(day + 1, end)}\n")
        if index % 20 == 0:
            sent = stamp(day + 1, 9 * 60 + int(random_() * 600))
            if random_() < 0.24:
                scores = ",".join(str(1 + int(random_() * 10)) if random_() < 0.95 else "" for _ in range(4))
                surveys.add(month_of(day + 1), f"SV{index:010d},{sent},true,{scores},{customer}\n")
            else:
                surveys.add(month_of(day + 1), f"SV{index:010d},{sent},false,,,,,{customer}\n")
    out.write()
    surveys.write()


def lines(directory, fraction, rng):
    os.makedirs(os.path.join(directory, "lines"), exist_ok=True)
    with open(os.path.join(directory, "lines", "lines.csv"), "w", newline="") as out:
        out.write("month,access,technology,active_lines\n")
        for month in range(1, 13):
            for access in ACCESSES:
                for technology in TECHS:
                    out.write(f"{YEAR}-{month:02d},{access},{technology},{int(1_000_000 * fraction) + rng.randrange(0, 1000)}\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--fraction", type=float, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    f = args.fraction
    rng = random.Random(args.seed)
    orders(args.dir, int(ORDERS * f), rng)
    tickets(args.dir, int(TICKETS * f), int(INVOICES * f), rng)
    invoices(args.dir, int(INVOICES * f), rng)
    calls(args.dir, int(CALLS * f), rng)
    lines(args.dir, f, rng)


if __name__ == "__main__":
    main()
