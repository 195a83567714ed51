#ifndef CXMLWRITER_H
#define CXMLWRITER_H

/*
 * The project's whole use of libxml2, behind prefixed functions and opaque pointers, so
 * that libxml2's headers are included in CXMLWriter.c only (see STYLE.md: a Swift target
 * that imports Foundation and sees libxml2's headers does not build from clean).
 */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An XML document being written to memory: UTF-8, indented with two spaces. */
typedef struct cxml_writer cxml_writer;

/* A new writer, or NULL when out of memory. Release it with cxml_writer_free. */
cxml_writer *cxml_writer_create(void);
void cxml_writer_free(cxml_writer *writer);

/* Each returns 0 on success and -1 on failure (then the document is unusable). */
int cxml_writer_start_document(cxml_writer *writer);
int cxml_writer_start_element(cxml_writer *writer, const char *name);
/* The root element with its default namespace. */
int cxml_writer_start_root(cxml_writer *writer, const char *name, const char *namespace_uri);
int cxml_writer_attribute(cxml_writer *writer, const char *name, const char *value);
int cxml_writer_text(cxml_writer *writer, const char *text);
int cxml_writer_comment(cxml_writer *writer, const char *text);
int cxml_writer_end_element(cxml_writer *writer);
/* Closes every open element and flushes; call once before cxml_writer_content. */
int cxml_writer_end_document(cxml_writer *writer);

/* The document written so far (owned by the writer), and its length in bytes. */
const char *cxml_writer_content(cxml_writer *writer, size_t *length);

/* Receives one problem found while validating: 1-based line (0 when unknown), message. */
typedef void (*cxml_problem_callback)(void *context, int line, const char *message);

/*
 * Validates the XML document `xml` (length bytes) against the XML Schema `xsd` (xsd_length
 * bytes), reporting every problem — malformed XML, schema violations, an unusable schema —
 * through `problem`. Returns 0 when the document is valid, 1 when it is not, 2 when the
 * schema itself cannot be used.
 */
int cxml_validate(const char *xsd, size_t xsd_length, const char *xml, size_t length,
                  cxml_problem_callback problem, void *context);

/* A parsed XML document read back (the site index reads the reports it lists). */
typedef struct cxml_document cxml_document;
/* One element of a parsed document, owned by its document. */
typedef struct cxml_element cxml_element;

/*
 * Parses `xml` (length bytes) without network access, entity substitution or DTD loading;
 * NULL when it is not well-formed or declares a DOCTYPE. Release it with cxml_document_free.
 * Parse problems are not printed.
 */
cxml_document *cxml_document_parse(const char *xml, size_t length);
void cxml_document_free(cxml_document *document);
/* The root element. */
const cxml_element *cxml_document_root(const cxml_document *document);
/* The first child element, the next sibling element: NULL when there is none. */
const cxml_element *cxml_element_first_child(const cxml_element *element);
const cxml_element *cxml_element_next(const cxml_element *element);
/* The element's local name (owned by the document). */
const char *cxml_element_name(const cxml_element *element);
/* The element's text content, or the value of its attribute `name` (NULL when absent):
   a new string, released with cxml_string_free. */
char *cxml_element_text(const cxml_element *element);
char *cxml_element_attribute(const cxml_element *element, const char *name);
void cxml_string_free(char *string);

#ifdef __cplusplus
}
#endif

#endif
