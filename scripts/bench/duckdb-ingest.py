#!/usr/bin/env python3
"""The peer: DuckDB reading the same orders file and folding duplicates the same way.

Usage: duckdb-ingest.py FILE THREADS — prints "rows duplicates seconds".
Materializes every column with its type (timestamps and dates parsed, so DuckDB cannot
skip unused columns), then keeps one row per order_id (latest updated_at): what
`agcom-report check` does with the file.
"""
import sys
import time

import duckdb

path, threads = sys.argv[1], int(sys.argv[2])
connection = duckdb.connect()
connection.execute(f"SET threads = {threads}")
start = time.perf_counter()
connection.execute(
    """
    CREATE TEMP TABLE orders AS
      SELECT * FROM read_csv(?, header = true, delim = ',', quote = '"', escape = '"',
        timestampformat = '%Y-%m-%d %H:%M', dateformat = '%Y-%m-%d',
        columns = {'order_id': 'VARCHAR', 'order_date': 'TIMESTAMP', 'completion_date': 'TIMESTAMP',
                   'agreed_date': 'DATE', 'contract_days': 'INTEGER', 'status': 'VARCHAR',
                   'service': 'VARCHAR', 'access': 'VARCHAR', 'technology': 'VARCHAR',
                   'customer': 'VARCHAR', 'region': 'VARCHAR', 'exclusion': 'VARCHAR',
                   'note': 'VARCHAR', 'updated_at': 'TIMESTAMP'})
    """,
    [path],
)
rows, distinct = connection.execute(
    """
    WITH latest AS (SELECT order_id, arg_max(orders, updated_at) AS winner FROM orders GROUP BY order_id)
    SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM latest)
    """
).fetchone()
seconds = time.perf_counter() - start
print(rows, rows - distinct, f"{seconds:.6f}")
