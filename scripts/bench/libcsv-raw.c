/* libcsv's raw speed on a file: the same 256 KiB chunks and strict options as
 * agcom-report's reader, with callbacks that only count. The ceiling for ingestion. */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

struct counts { size_t fields, rows; };

static void on_field(void *s, size_t len, void *data) { (void)s; (void)len; ((struct counts *)data)->fields++; }
static void on_row(int c, void *data) { (void)c; ((struct counts *)data)->rows++; }

int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: %s FILE\n", argv[0]); return 64; }
  int fd = open(argv[1], O_RDONLY);
  if (fd < 0) { perror(argv[1]); return 66; }
  struct csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) return 70;
  csv_set_blk_size(&parser, 1 << 16);
  static char buffer[1 << 18];
  struct counts counts = {0, 0};
  size_t total = 0;
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (;;) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0) { perror("read"); return 74; }
    if (n == 0) break;
    if (csv_parse(&parser, buffer, (size_t)n, on_field, on_row, &counts) != (size_t)n) {
      fprintf(stderr, "%s\n", csv_strerror(csv_error(&parser)));
      return 65;
    }
    total += (size_t)n;
  }
  csv_fini(&parser, on_field, on_row, &counts);
  clock_gettime(CLOCK_MONOTONIC, &end);
  csv_free(&parser);
  close(fd);
  double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
  printf("%zu %zu %zu %.6f\n", total, counts.rows, counts.fields, seconds);
  return 0;
}
