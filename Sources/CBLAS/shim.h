#ifndef CONVO_CBLAS_SHIM_H
#define CONVO_CBLAS_SHIM_H
// OpenBLAS's CBLAS interface (Debian: libopenblas-dev; pkg-config adds the include directory).
#include <cblas.h>
#endif
