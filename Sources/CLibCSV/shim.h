// Debian's libcsv-dev installs <csv.h> and libcsv.so without a pkg-config file.
#include <csv.h>
