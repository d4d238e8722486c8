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

/// One block: the scalar rule the vector path below follows lane by lane.
static inline void backward_block(const float *x, const float *g, float *out, size_t i0, size_t i2, size_t o) {
    const float a = x[i0], b = x[i0 + 1], c = x[i2], d = x[i2 + 1];
    const float m = swift_max(swift_max(a, b), swift_max(c, d));
    const float value = g[o];
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

#if defined(__SSE2__)
#include <emmintrin.h>
/// Four blocks at once. Even a C compiler keeps a branch in the scalar block above (W3's 64×8×28×28 backward:
/// 650 µs in W3's profile), so the lanes are de-interleaved by hand: a, b from the top row, c, d from the bottom.
/// `_mm_max_ps(y, x)` is y > x ? y : x, Swift.max's rule with NaN; `_mm_cmpge_ps` is false on NaN as `>=` is.
static inline void backward_four_blocks(const float *top, const float *bottom, const float *g,
                                        float *out_top, float *out_bottom) {
    const __m128 top_low = _mm_loadu_ps(top), top_high = _mm_loadu_ps(top + 4);
    const __m128 bottom_low = _mm_loadu_ps(bottom), bottom_high = _mm_loadu_ps(bottom + 4);
    const __m128 a = _mm_shuffle_ps(top_low, top_high, _MM_SHUFFLE(2, 0, 2, 0));
    const __m128 b = _mm_shuffle_ps(top_low, top_high, _MM_SHUFFLE(3, 1, 3, 1));
    const __m128 c = _mm_shuffle_ps(bottom_low, bottom_high, _MM_SHUFFLE(2, 0, 2, 0));
    const __m128 d = _mm_shuffle_ps(bottom_low, bottom_high, _MM_SHUFFLE(3, 1, 3, 1));
    const __m128 m = _mm_max_ps(_mm_max_ps(d, c), _mm_max_ps(b, a));
    const __m128 value = _mm_loadu_ps(g);
    const __m128 takes_a = _mm_cmpge_ps(a, m);
    const __m128 takes_b = _mm_andnot_ps(takes_a, _mm_cmpge_ps(b, m));
    const __m128 taken = _mm_or_ps(takes_a, takes_b);
    const __m128 takes_c = _mm_andnot_ps(taken, _mm_cmpge_ps(c, m));
    const __m128 takes_d = _mm_andnot_ps(_mm_or_ps(taken, takes_c), _mm_castsi128_ps(_mm_set1_epi32(-1)));
    const __m128 out_a = _mm_and_ps(takes_a, value), out_b = _mm_and_ps(takes_b, value);
    const __m128 out_c = _mm_and_ps(takes_c, value), out_d = _mm_and_ps(takes_d, value);
    _mm_storeu_ps(out_top, _mm_unpacklo_ps(out_a, out_b));
    _mm_storeu_ps(out_top + 4, _mm_unpackhi_ps(out_a, out_b));
    _mm_storeu_ps(out_bottom, _mm_unpacklo_ps(out_c, out_d));
    _mm_storeu_ps(out_bottom + 4, _mm_unpackhi_ps(out_c, out_d));
}
#endif

void dlbench_max_pool_2x2_backward(const float *input, const float *cotangent, float *gradient,
                                   size_t planes, size_t height, size_t width) {
    const size_t output_height = height / 2, output_width = width / 2, plane_size = height * width;
    for (size_t plane = 0; plane < planes; plane++) {
        const float *x = input + plane * plane_size;
        const float *g = cotangent + plane * output_height * output_width;
        float *out = gradient + plane * plane_size;
        if ((height | width) & 1) memset(out, 0, plane_size * sizeof(float));
        for (size_t oh = 0; oh < output_height; oh++) {
            const size_t top = 2 * oh * width, bottom = top + width, row = oh * output_width;
            size_t ow = 0;
#if defined(__SSE2__)
            for (; ow + 4 <= output_width; ow += 4) {
                backward_four_blocks(x + top + 2 * ow, x + bottom + 2 * ow, g + row + ow,
                                     out + top + 2 * ow, out + bottom + 2 * ow);
            }
            // A ragged end (7 blocks in W3's 14-wide rows) redoes the last four: the same values land twice.
            if (ow < output_width && output_width >= 4) {
                ow = output_width - 4;
                backward_four_blocks(x + top + 2 * ow, x + bottom + 2 * ow, g + row + ow,
                                     out + top + 2 * ow, out + bottom + 2 * ow);
                ow = output_width;
            }
#endif
            for (; ow < output_width; ow++) backward_block(x, g, out, top + 2 * ow, bottom + 2 * ow, row + ow);
        }
    }
}
