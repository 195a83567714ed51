#!/usr/bin/env python3
"""The peer of the ingestion benchmark: DuckDB reading the same file and folding duplicates the same way.

Usage: duckdb-ingest.py FILE THREADS — prints "rows duplicates seconds" (seconds of the work:
reading, typing and folding, without Python's start-up, the import and the connection).
Materializes every column with its type (timestamps and dates parsed, so DuckDB cannot
skip unused columns), then keeps one row per id (latest updated_at): what
`agcom-report check` does with the file. FILE is an orders export (header starting with
order_id) or a calls export (call_id).
"""
import sys
import time

import duckdb

ORDERS = ("order_id", "%Y-%m-%d %H:%M", {
    "order_id": "VARCHAR", "order_date": "TIMESTAMP", "completion_date": "TIMESTAMP", "agreed_date": "DATE",
    "contract_days": "INTEGER", "status": "VARCHAR", "service": "VARCHAR", "access": "VARCHAR",
    "technology": "VARCHAR", "customer": "VARCHAR", "region": "VARCHAR", "exclusion": "VARCHAR",
    "note": "VARCHAR", "updated_at": "TIMESTAMP"})
CALLS = ("call_id", "%Y-%m-%d %H:%M:%S", {
    "call_id": "VARCHAR", "started_at": "TIMESTAMP", "operator_requested_at": "TIMESTAMP",
    "answered_at": "TIMESTAMP", "ended_at": "TIMESTAMP", "customer": "VARCHAR", "region": "VARCHAR",
    "exclusion": "VARCHAR", "updated_at": "TIMESTAMP"})

path, threads = sys.argv[1], int(sys.argv[2])
with open(path, encoding="utf-8") as file:
    key, timestamp, columns = CALLS if file.readline().startswith("call_id") else ORDERS
connection = duckdb.connect()
connection.execute(f"SET threads = {threads}")
start = time.perf_counter()
connection.execute(
    f"""
    CREATE TEMP TABLE source AS
      SELECT * FROM read_csv(?, header = true, delim = ',', quote = '"', escape = '"',
        timestampformat = '{timestamp}', dateformat = '%Y-%m-%d', columns = {columns!r})
    """,
    [path],
)
rows, distinct = connection.execute(
    f"""
    WITH latest AS (SELECT {key}, arg_max(source, updated_at) AS winner FROM source GROUP BY {key})
    SELECT (SELECT count(*) FROM source), (SELECT count(*) FROM latest)
    """
).fetchone()
seconds = time.perf_counter() - start
print(rows, rows - distinct, f"{seconds:.6f}")
