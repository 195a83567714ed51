#include "CXLSXWriter.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define CXLSX_MAX_DECIMALS 6

struct cxlsx_book {
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *header;
  lxw_format *title;
  lxw_format *wrap;
  lxw_format *label;
  lxw_format *numbers[CXLSX_MAX_DECIMALS + 1];
};

cxlsx_book *cxlsx_create(const char *path, const char *title, const char *author, int64_t created) {
  cxlsx_book *book = calloc(1, sizeof *book);
  if (book == NULL) return NULL;
  book->workbook = workbook_new(path);
  if (book->workbook == NULL) {
    free(book);
    return NULL;
  }
  lxw_doc_properties properties;
  memset(&properties, 0, sizeof properties);
  properties.title = (char *)title;
  properties.author = (char *)author;
  properties.created = (time_t)created;
  workbook_set_properties(book->workbook, &properties);

  book->header = workbook_add_format(book->workbook);
  format_set_bold(book->header);
  format_set_text_wrap(book->header);
  format_set_align(book->header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color(book->header, 0xDDE4EE);
  book->title = workbook_add_format(book->workbook);
  format_set_bold(book->title);
  format_set_font_size(book->title, 14);
  book->wrap = workbook_add_format(book->workbook);
  format_set_text_wrap(book->wrap);
  format_set_align(book->wrap, LXW_ALIGN_VERTICAL_TOP);
  book->label = workbook_add_format(book->workbook);
  format_set_bold(book->label);
  static const char *patterns[CXLSX_MAX_DECIMALS + 1] = {
      "0", "0.0", "0.00", "0.000", "0.0000", "0.00000", "0.000000"};
  for (int decimals = 0; decimals <= CXLSX_MAX_DECIMALS; decimals++) {
    book->numbers[decimals] = workbook_add_format(book->workbook);
    format_set_num_format(book->numbers[decimals], patterns[decimals]);
  }
  return book;
}

static lxw_format *format_of(cxlsx_book *book, int style) {
  switch (style) {
    case CXLSX_STYLE_HEADER: return book->header;
    case CXLSX_STYLE_TITLE: return book->title;
    case CXLSX_STYLE_WRAP: return book->wrap;
    case CXLSX_STYLE_LABEL: return book->label;
    default:
      if (style >= CXLSX_STYLE_NUMBER && style <= CXLSX_STYLE_NUMBER + CXLSX_MAX_DECIMALS) {
        return book->numbers[style - CXLSX_STYLE_NUMBER];
      }
      return NULL;
  }
}

int cxlsx_add_sheet(cxlsx_book *book, const char *name) {
  lxw_worksheet *sheet = workbook_add_worksheet(book->workbook, name);
  if (sheet == NULL) return -1;
  book->sheet = sheet;
  return 0;
}

int cxlsx_string(cxlsx_book *book, uint32_t row, uint16_t column, const char *text, int style) {
  if (book->sheet == NULL) return -1;
  return worksheet_write_string(book->sheet, row, column, text, format_of(book, style)) == LXW_NO_ERROR ? 0 : -1;
}

int cxlsx_number(cxlsx_book *book, uint32_t row, uint16_t column, double value, int style) {
  if (book->sheet == NULL) return -1;
  return worksheet_write_number(book->sheet, row, column, value, format_of(book, style)) == LXW_NO_ERROR ? 0 : -1;
}

int cxlsx_column_width(cxlsx_book *book, uint16_t column, double width) {
  if (book->sheet == NULL) return -1;
  return worksheet_set_column(book->sheet, column, column, width, NULL) == LXW_NO_ERROR ? 0 : -1;
}

void cxlsx_freeze(cxlsx_book *book, uint32_t row, uint16_t column) {
  if (book->sheet != NULL) worksheet_freeze_panes(book->sheet, row, column);
}

int cxlsx_close(cxlsx_book *book) {
  lxw_error error = workbook_close(book->workbook);
  free(book);
  return error == LXW_NO_ERROR ? 0 : -1;
}
