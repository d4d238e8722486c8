// Kernels written in C where Swift's code generation measurably loses: the compare-and-select inner loops below
// compile to branches in Swift (mispredicted on real activations), and C with SSE2 intrinsics does four blocks
// at once without any.
#ifndef DLBENCH_CKERNELS_H
#define DLBENCH_CKERNELS_H
#include <stddef.h>

/// The input gradient of a 2×2, stride-2 max pool over `planes` planes of `height`×`width` floats (row-major):
/// each block's first maximum in scan order (top-left, top-right, bottom-left, bottom-right) takes the block's
/// cotangent, the others 0; an odd last row or column gets 0. The maximum follows Swift.max's rule
/// (max(x, y) = y >= x ? y : x), so NaN inputs route exactly as the Swift reference path does.
void dlbench_max_pool_2x2_backward(const float *input, const float *cotangent, float *gradient,
                                   size_t planes, size_t height, size_t width);

#endif
