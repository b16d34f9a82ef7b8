#ifndef CONVO_VECTOR_KERNELS_H
#define CONVO_VECTOR_KERNELS_H

#include <stddef.h>

/// target[i] += value * source[i] for i < count.
void convo_axpy_f32(float value, const float *source, float *target, size_t count);

/// total[i] += (double)row[i] for i < count.
void convo_accumulate_f32_f64(const float *row, double *total, size_t count);

#endif
