// The element-wise loops at the heart of clustering, compiled once per vector width and picked
// at load time for the machine's CPU (GCC/Clang function multi-versioning on x86-64 Linux).
// Swift itself compiles for baseline x86-64, whose 4-lane SSE leaves most of a modern core's
// vector units idle.
//
// Every element is computed on its own (no reductions, and no fused multiply-add: the build
// passes -ffp-contract=off), so each version gives the same bits: results never depend on the
// machine a run happens on.
#include "vector_kernels.h"

#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define CONVO_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CONVO_CLONES
#endif

CONVO_CLONES
void convo_axpy_f32(float value, const float *restrict source, float *restrict target, size_t count) {
    for (size_t i = 0; i < count; i++) {
        target[i] += value * source[i];
    }
}

CONVO_CLONES
void convo_accumulate_f32_f64(const float *restrict row, double *restrict total, size_t count) {
    for (size_t i = 0; i < count; i++) {
        total[i] += (double)row[i];
    }
}
