#include "CKernels.h"
#include <string.h>

static inline float swift_max(float x, float y) { return y >= x ? y : x; }

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
                const int takes_a = a >= m;
                const int takes_b = (b >= m) & !takes_a;
                const int takes_c = (c >= m) & !takes_a & !takes_b;
                const int takes_d = !(takes_a | takes_b | takes_c);
                out[i0] = takes_a ? value : 0.0f;
                out[i0 + 1] = takes_b ? value : 0.0f;
                out[i2] = takes_c ? value : 0.0f;
                out[i2 + 1] = takes_d ? value : 0.0f;
            }
        }
    }
}
