// zlib's inflate for gzip-compressed dataset files (Debian: zlib1g-dev).
#ifndef DLBENCH_ZLIB_H
#define DLBENCH_ZLIB_H
#include <zlib.h>

/// inflateInit2 is a macro (it passes the header's version and struct size), so Swift cannot call it; window bits
/// 15 + 16 accept only the gzip wrapper, so zlib checks the CRC-32 and length of each member itself.
static inline int dlbench_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 16);
}
#endif
