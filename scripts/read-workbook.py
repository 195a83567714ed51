#!/usr/bin/env python3
"""Reads a workbook back with openpyxl and prints it as JSON, for the tests.

    python3 scripts/read-workbook.py FILE.xlsx

Prints {"properties": {...}, "sheets": [{"name", "freeze", "widths", "rows"}]}, each row a
list of cells [value, type, number_format] ("n" number, "s" text, null empty), so that a
test compares what a spreadsheet user would see: numbers stored as numbers, with the
measure's decimals as their format.
"""
import json
import sys

import openpyxl


def cell(c):
    if c.value is None:
        return None
    kind = "n" if isinstance(c.value, (int, float)) else "s"
    return [c.value, kind, c.number_format]


def main(path):
    book = openpyxl.load_workbook(path)
    sheets = []
    for sheet in book.worksheets:
        rows = [[cell(c) for c in row] for row in sheet.iter_rows()]
        widths = {key: dim.width for key, dim in sorted(sheet.column_dimensions.items())}
        sheets.append({"name": sheet.title, "freeze": sheet.freeze_panes, "widths": widths, "rows": rows})
    properties = book.properties
    print(json.dumps({
        "properties": {
            "title": properties.title,
            "creator": properties.creator,
            "created": properties.created.isoformat() if properties.created else None,
        },
        "sheets": sheets,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
