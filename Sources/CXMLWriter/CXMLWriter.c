#include "CXMLWriter.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

struct cxml_writer {
  xmlBufferPtr buffer;
  xmlTextWriterPtr writer;
};

static int cxml_check(int status) { return status < 0 ? -1 : 0; }

cxml_writer *cxml_writer_create(void) {
  xmlInitParser();
  cxml_writer *result = calloc(1, sizeof *result);
  if (result == NULL) return NULL;
  result->buffer = xmlBufferCreate();
  if (result->buffer == NULL) {
    free(result);
    return NULL;
  }
  result->writer = xmlNewTextWriterMemory(result->buffer, 0);
  if (result->writer == NULL) {
    xmlBufferFree(result->buffer);
    free(result);
    return NULL;
  }
  xmlTextWriterSetIndent(result->writer, 1);
  xmlTextWriterSetIndentString(result->writer, BAD_CAST "  ");
  return result;
}

void cxml_writer_free(cxml_writer *writer) {
  if (writer == NULL) return;
  if (writer->writer != NULL) xmlFreeTextWriter(writer->writer);
  if (writer->buffer != NULL) xmlBufferFree(writer->buffer);
  free(writer);
}

int cxml_writer_start_document(cxml_writer *writer) {
  return cxml_check(xmlTextWriterStartDocument(writer->writer, "1.0", "UTF-8", NULL));
}

int cxml_writer_start_element(cxml_writer *writer, const char *name) {
  return cxml_check(xmlTextWriterStartElement(writer->writer, BAD_CAST name));
}

int cxml_writer_start_root(cxml_writer *writer, const char *name, const char *namespace_uri) {
  return cxml_check(xmlTextWriterStartElementNS(writer->writer, NULL, BAD_CAST name, BAD_CAST namespace_uri));
}

int cxml_writer_attribute(cxml_writer *writer, const char *name, const char *value) {
  return cxml_check(xmlTextWriterWriteAttribute(writer->writer, BAD_CAST name, BAD_CAST value));
}

int cxml_writer_text(cxml_writer *writer, const char *text) {
  return cxml_check(xmlTextWriterWriteString(writer->writer, BAD_CAST text));
}

int cxml_writer_comment(cxml_writer *writer, const char *text) {
  return cxml_check(xmlTextWriterWriteComment(writer->writer, BAD_CAST text));
}

int cxml_writer_end_element(cxml_writer *writer) {
  return cxml_check(xmlTextWriterEndElement(writer->writer));
}

int cxml_writer_end_document(cxml_writer *writer) {
  if (xmlTextWriterEndDocument(writer->writer) < 0) return -1;
  return cxml_check(xmlTextWriterFlush(writer->writer));
}

const char *cxml_writer_content(cxml_writer *writer, size_t *length) {
  *length = (size_t)xmlBufferLength(writer->buffer);
  return (const char *)xmlBufferContent(writer->buffer);
}

/* Forwards libxml2's structured errors to the caller's callback. */
struct cxml_problems {
  cxml_problem_callback problem;
  void *context;
  int count;
};

static void cxml_forward(void *data, xmlErrorPtr error) {
  struct cxml_problems *problems = data;
  if (error == NULL) return;
  problems->count += 1;
  char message[1024];
  const char *text = error->message != NULL ? error->message : "unknown error";
  size_t length = strlen(text);
  if (length >= sizeof message) length = sizeof message - 1;
  memcpy(message, text, length);
  message[length] = '\0';
  while (length > 0 && (message[length - 1] == '\n' || message[length - 1] == ' ')) message[--length] = '\0';
  problems->problem(problems->context, error->line, message);
}

/* The 1-based line of the first occurrence of `needle` in `text`, 1 when absent. */
static int cxml_line_of(const char *text, size_t length, const char *needle) {
  size_t needle_length = strlen(needle);
  int line = 1;
  for (size_t index = 0; index + needle_length <= length; index++) {
    if (memcmp(text + index, needle, needle_length) == 0) return line;
    if (text[index] == '\n') line++;
  }
  return 1;
}

int cxml_validate(const char *xsd, size_t xsd_length, const char *xml, size_t length,
                  cxml_problem_callback problem, void *context) {
  xmlInitParser();
  struct cxml_problems problems = {problem, context, 0};
  int result = 2;

  /* Every message goes to the caller, none to stderr. */
  xmlSetStructuredErrorFunc(&problems, cxml_forward);
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewMemParserCtxt(xsd, (int)xsd_length);
  if (parser == NULL) {
    xmlSetStructuredErrorFunc(NULL, NULL);
    return 2;
  }
  xmlSchemaSetParserStructuredErrors(parser, cxml_forward, &problems);
  xmlSchemaPtr schema = xmlSchemaParse(parser);
  xmlSchemaFreeParserCtxt(parser);
  if (schema == NULL) {
    xmlSetStructuredErrorFunc(NULL, NULL);
    return 2;
  }

  xmlParserCtxtPtr documentParser = xmlNewParserCtxt();
  if (documentParser == NULL) {
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlSchemaFree(schema);
    return 2;
  }
  xmlDocPtr document = xmlCtxtReadMemory(documentParser, xml, (int)length, "report.xml", "UTF-8",
                                         XML_PARSE_NONET);
  if (document == NULL) {
    if (problems.count == 0) problem(context, 0, "the document is not well-formed XML");
    result = 1;
  } else if (document->intSubset != NULL || document->extSubset != NULL) {
    /* A report model carries no DOCTYPE; one that declares entities is refused before any
       entity could be resolved (none is: the parser substitutes nothing and reads no network). */
    problem(context, cxml_line_of(xml, length, "<!DOCTYPE"),
            "a document with a DOCTYPE declaration is not accepted (a report model has none)");
    result = 1;
    xmlFreeDoc(document);
  } else {
    xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt(schema);
    if (validator == NULL) {
      result = 2;
    } else {
      xmlSchemaSetValidStructuredErrors(validator, cxml_forward, &problems);
      int status = xmlSchemaValidateDoc(validator, document);
      result = status == 0 ? 0 : 1;
      if (status < 0) result = 2;
      xmlSchemaFreeValidCtxt(validator);
    }
    xmlFreeDoc(document);
  }
  xmlSetStructuredErrorFunc(NULL, NULL);
  xmlFreeParserCtxt(documentParser);
  xmlSchemaFree(schema);
  return result;
}

cxml_document *cxml_document_parse(const char *xml, size_t length) {
  xmlInitParser();
  xmlParserCtxtPtr parser = xmlNewParserCtxt();
  if (parser == NULL) return NULL;
  /* Parse problems are not printed: the caller says the file is unreadable. */
  xmlDocPtr document = xmlCtxtReadMemory(parser, xml, (int)length, "report.xml", "UTF-8",
                                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlFreeParserCtxt(parser);
  if (document == NULL) return NULL;
  if (document->intSubset != NULL || document->extSubset != NULL ||
      xmlDocGetRootElement(document) == NULL) {
    xmlFreeDoc(document);
    return NULL;
  }
  return (cxml_document *)document;
}

void cxml_document_free(cxml_document *document) {
  if (document != NULL) xmlFreeDoc((xmlDocPtr)document);
}

const cxml_element *cxml_document_root(const cxml_document *document) {
  return (const cxml_element *)xmlDocGetRootElement((xmlDocPtr)document);
}

static const cxml_element *cxml_element_from(xmlNodePtr node) {
  while (node != NULL && node->type != XML_ELEMENT_NODE) node = node->next;
  return (const cxml_element *)node;
}

const cxml_element *cxml_element_first_child(const cxml_element *element) {
  return cxml_element_from(((xmlNodePtr)element)->children);
}

const cxml_element *cxml_element_next(const cxml_element *element) {
  return cxml_element_from(((xmlNodePtr)element)->next);
}

const char *cxml_element_name(const cxml_element *element) {
  return (const char *)((xmlNodePtr)element)->name;
}

char *cxml_element_text(const cxml_element *element) {
  return (char *)xmlNodeGetContent((xmlNodePtr)element);
}

char *cxml_element_attribute(const cxml_element *element, const char *name) {
  return (char *)xmlGetProp((xmlNodePtr)element, BAD_CAST name);
}

void cxml_string_free(char *string) {
  if (string != NULL) xmlFree(string);
}
