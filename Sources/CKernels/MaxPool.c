#include "CKernels.h"
#include <stdint.h>
#include <string.h>

/// Swift.max's rule up to the sign of a zero tie (y >= x ? y : x keeps -0 over +0, this keeps x): a zero's sign
/// never changes which input wins below, since -0 >= +0. Written as `>` so clang emits maxss, not a branch.
static inline float swift_max(float x, float y) { return y > x ? y : x; }

/// `value` where `mask` is all ones, +0 where it is zero: a bitwise select, so an infinite or NaN cotangent never
/// turns the losers' zeros into NaN (value · 0 would).
static inline float select_bits(uint32_t mask, float value) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    bits &= mask;
    memcpy(&value, &bits, sizeof bits);
    return value;
}

void dlbench_max_pool_2x2_backward(const float *input, const float *cotangent, float *gradient,
                                   size_t planes, size_t height, size_t width) {
    const size_t output_height = height / 2, output_width = width / 2, plane_size = height * width;
    for (size_t plane = 0; plane < planes; plane++) {
        const float *x = input + plane * plane_size;
        const float *g = cotangent + plane * output_height * output_width;
        float *out = gradient + plane * plane_size;
        if ((height | width) & 1) memset(out, 0, plane_size * sizeof(float));
        for (size_t oh = 0; oh < output_height; oh++) {
            const size_t top = 2 * oh * width, bottom = top + width;
            for (size_t ow = 0; ow < output_width; ow++) {
                const size_t i0 = top + 2 * ow, i2 = bottom + 2 * ow;
                const float a = x[i0], b = x[i0 + 1], c = x[i2], d = x[i2 + 1];
                const float m = swift_max(swift_max(a, b), swift_max(c, d));
                const float value = g[oh * output_width + ow];
                // All-ones masks of the first maximum in scan order; NaN compares false everywhere, so d takes it.
                const uint32_t takes_a = -(uint32_t)(a >= m);
                const uint32_t takes_b = -(uint32_t)(b >= m) & ~takes_a;
                const uint32_t takes_c = -(uint32_t)(c >= m) & ~(takes_a | takes_b);
                const uint32_t takes_d = ~(takes_a | takes_b | takes_c);
                out[i0] = select_bits(takes_a, value);
                out[i0 + 1] = select_bits(takes_b, value);
                out[i2] = select_bits(takes_c, value);
                out[i2 + 1] = select_bits(takes_d, value);
            }
        }
    }
}
