#ifndef CXLSXWRITER_H
#define CXLSXWRITER_H

/*
 * The project's whole use of libxlsxwriter, behind prefixed functions and an opaque
 * pointer, as CXMLWriter does for libxml2: libxlsxwriter's headers are included in
 * CXLSXWriter.c only.
 */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A workbook being written to a file. */
typedef struct cxlsx_book cxlsx_book;

/* Cell styles. Numbers take a style per count of decimals (0–6): cxlsx_style_number(d). */
enum {
  CXLSX_STYLE_PLAIN = 0,
  CXLSX_STYLE_HEADER = 1, /* bold, wrapped, shaded: a table's column names */
  CXLSX_STYLE_TITLE = 2,  /* bold, larger: a sheet's title */
  CXLSX_STYLE_WRAP = 3,   /* wrapped text: definitions and notes */
  CXLSX_STYLE_LABEL = 4,  /* bold: the label of a label–value line */
  CXLSX_STYLE_NUMBER = 16 /* + decimals */
};

/*
 * A new workbook written to `path` when closed, with fixed document properties — title,
 * author, and `created` (seconds since 1970, UTC) — so that the same contents give the same
 * bytes. NULL when libxlsxwriter cannot start one.
 */
cxlsx_book *cxlsx_create(const char *path, const char *title, const char *author, int64_t created);

/* Adds a worksheet (name: at most 31 characters, none of []:*?/\) and makes it current.
 * Returns 0, or -1 on failure. */
int cxlsx_add_sheet(cxlsx_book *book, const char *name);

/* Writes into the current sheet (rows and columns from 0). Return 0, or -1 on failure. */
int cxlsx_string(cxlsx_book *book, uint32_t row, uint16_t column, const char *text, int style);
int cxlsx_number(cxlsx_book *book, uint32_t row, uint16_t column, double value, int style);
/* The width of a column of the current sheet, in characters. */
int cxlsx_column_width(cxlsx_book *book, uint16_t column, double width);
/* Freezes the rows above `row` and the columns left of `column` of the current sheet. */
void cxlsx_freeze(cxlsx_book *book, uint32_t row, uint16_t column);

/* Writes the file and releases the book (also on failure). Returns 0, or -1. */
int cxlsx_close(cxlsx_book *book);

#ifdef __cplusplus
}
#endif

#endif
