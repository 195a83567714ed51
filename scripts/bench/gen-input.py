#!/usr/bin/env python3
"""Writes a canonical input directory for the ingestion benchmark (samples/acceptance.yaml).

Usage: gen-input.py DIR --mb 200 [--ids 400000] [--invoices N] [--tickets N] [--calls N] [--seed 1]

DIR/orders/orders.csv is one large orders export of about --mb megabytes; tickets and
invoices get N rows each (default 1), lines a census of every month of 2025. Order rows cycle
through a fixed population of ids, so the number of distinct ids - and so the reader's
memory - does not depend on the file size. As in nightly deltas, the k-th row of an id is a
new version of it: other values (status, completion, ...) and an `updated_at` k days later
than its first row's, so de-duplication compares timestamps and keeps the latest; one
repeat in 20 is a stale version arriving late (an `updated_at` a day before its first
row's), which must lose to the version already read.

With --calls N, DIR/calls/calls.csv is one contact-centre export of N calls (as
gen-national.py writes them: 2 % exported again with a later updated_at) and
DIR/surveys/surveys.csv their surveys, for samples/acceptance-care.yaml.
"""
import argparse
import datetime
import importlib.util
import os
import random

HEADER = ("order_id,order_date,completion_date,agreed_date,contract_days,status,service,access,"
          "technology,customer,region,exclusion,note,updated_at\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--mb", type=float, default=200)
    parser.add_argument("--ids", type=int, default=400_000)
    parser.add_argument("--invoices", type=int, default=1)
    parser.add_argument("--tickets", type=int, default=1)
    parser.add_argument("--calls", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    limit = int(args.mb * 1_000_000)
    base = datetime.datetime(2025, 1, 1)
    services = ["voice", "broadband", "bundle"]
    accesses = ["own", "wholesale"]
    techs = ["FTTH", "FTTC", "ADSL", "FWA"]
    customers = ["residential", "business"]
    notes = ["", "", "", "Cliente assente; riprogrammato", "\"perché \"\"già\"\" segnalato\"", "ok"]
    # Pre-render a pool of row tails (every field but order_id and updated_at) and the
    # updated_at stamps, so that generation is I/O-bound, not Python-bound.
    pool = []
    for _ in range(20_000):
        ordered = base + datetime.timedelta(minutes=rng.randrange(0, 700 * 24 * 60))
        completed = ordered + datetime.timedelta(days=rng.randrange(0, 90), minutes=rng.randrange(0, 600))
        status = rng.choice(["completed", "completed", "completed", "open", "cancelled"])
        agreed = (ordered + datetime.timedelta(days=rng.randrange(5, 60))).strftime("%Y-%m-%d") if rng.random() < 0.6 else ""
        contract = str(rng.choice([30, 60, 90])) if rng.random() < 0.3 else ""
        pool.append(",".join([
            ordered.strftime("%Y-%m-%d %H:%M"),
            completed.strftime("%Y-%m-%d %H:%M") if status == "completed" else "",
            agreed, contract, status, rng.choice(services), rng.choice(accesses), rng.choice(techs),
            rng.choice(customers), "%02d" % rng.randrange(1, 21),
            "" if rng.random() < 0.95 else "customer_delay", rng.choice(notes),
        ]) + ",")
    stamps = [(base + datetime.timedelta(days=day, minutes=day * 37 % 1440)).strftime("%Y-%m-%d %H:%M") + "\n"
              for day in range(1000)]
    written = 0
    row = 0
    for source in ("orders", "tickets", "invoices", "lines"):
        os.makedirs(os.path.join(args.dir, source), exist_ok=True)
    write_small_sources(args.dir, args.invoices, args.tickets, rng)
    if args.calls:
        spec = importlib.util.spec_from_file_location("national", os.path.join(os.path.dirname(__file__), "gen-national.py"))
        national = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(national)
        national.calls(args.dir, args.calls, rng, single=True)
    with open(os.path.join(args.dir, "orders", "orders.csv"), "w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        written += len(HEADER)
        chunk = []
        while written < limit:
            order, version = row % args.ids, row // args.ids
            first = 1 + order % 300
            day = first - 1 if version and (order + version) % 20 == 0 else min(first + version, 999)
            line = "ORD-%08d," % order + pool[(order * 31 + version * 7919) % len(pool)] + stamps[day]
            chunk.append(line)
            written += len(line.encode("utf-8"))
            row += 1
            if len(chunk) == 10_000:
                out.write("".join(chunk))
                chunk = []
        out.write("".join(chunk))


def write_small_sources(directory, invoices, tickets, rng):
    base = datetime.datetime(2025, 1, 1)
    customers = ["residential", "business"]
    with open(os.path.join(directory, "tickets", "tickets.csv"), "w", newline="") as out:
        out.write("ticket_id,kind,category,opened_at,resolved_at,effective,suspended_minutes,invoice_id,outcome,"
                  "service,access,technology,customer,region,exclusion,updated_at\n")
        rows = []
        for index in range(tickets):
            opened = base + datetime.timedelta(minutes=rng.randrange(0, 364 * 24 * 60))
            resolved = opened + datetime.timedelta(minutes=rng.randrange(10, 20 * 24 * 60))
            if rng.random() < 0.7:
                kind, category, outcome, invoice = "fault", "", "", ""
            else:
                kind, category = "complaint", rng.choice(["billing", "other"])
                outcome = rng.choice(["founded", "unfounded", "pending"]) if category == "billing" else ""
                invoice = "FT%08d" % rng.randrange(0, max(invoices, 1)) if category == "billing" else ""
            rows.append(",".join([
                "TT%08d" % index, kind, category, opened.strftime("%Y-%m-%d %H:%M"),
                resolved.strftime("%Y-%m-%d %H:%M"), "true", "", invoice, outcome, "broadband",
                rng.choice(["own", "wholesale"]), rng.choice(["FTTH", "FTTC", "ADSL", "FWA"]),
                rng.choice(customers), "%02d" % rng.randrange(1, 21), "", "",
            ]) + "\n")
            if len(rows) == 10_000:
                out.write("".join(rows))
                rows = []
        out.write("".join(rows))
    with open(os.path.join(directory, "invoices", "invoices.csv"), "w", newline="") as out:
        out.write("invoice_id,issue_date,doc_type,service,customer\n")
        rows = []
        for index in range(invoices):
            issued = base + datetime.timedelta(days=index % 365)
            rows.append("FT%08d,%s,%s,broadband,%s\n" % (
                index, issued.strftime("%Y-%m-%d"), "invoice" if index % 50 else "credit_note", customers[index % 2]))
            if len(rows) == 10_000:
                out.write("".join(rows))
                rows = []
        out.write("".join(rows))
    with open(os.path.join(directory, "lines", "lines.csv"), "w", newline="") as out:
        out.write("month,access,technology,active_lines\n")
        for month in range(1, 13):
            for access in ["own", "wholesale"]:
                for technology in ["FTTH", "FTTC", "ADSL", "FWA"]:
                    out.write("2025-%02d,%s,%s,%d\n" % (month, access, technology, 100_000 + rng.randrange(0, 1000)))


if __name__ == "__main__":
    main()
