/// OpenCL C of the tiled GEMM. One source, specialised by -D options (tile sizes, transposes, epilogue), so every
/// combination the lowering needs is a separate cached build without a branch in the inner loop.
///
/// Each work-group computes a TILE_M × TILE_N block of C, stepping through K in TILE_K slabs staged in local memory;
/// each work item keeps a WORK_M × WORK_N register block whose rows are `floatW` vectors (W = WORK_N), so the inner
/// product is WORK_M vector multiply-adds per k — explicit vector work is what PoCL needs on a CPU, and what keeps
/// GPU register reuse high. Tiles are zero-padded at the matrix edges, so any M, N, K is valid; when the tile lies
/// inside the matrix and the addresses are aligned, B rows (and C rows in the epilogue) move as whole vectors.
enum GEMMSource {
    static let text = """
    #define WORK_GROUP_X (TILE_N / WORK_N)
    #define WORK_GROUP_Y (TILE_M / WORK_M)
    #define THREADS (WORK_GROUP_X * WORK_GROUP_Y)
    #define CONCAT_(a, b) a##b
    #define CONCAT(a, b) CONCAT_(a, b)
    #define floatW CONCAT(float, WORK_N)
    #define vloadW CONCAT(vload, WORK_N)
    #define vstoreW CONCAT(vstore, WORK_N)

    inline float activate(float x) {
    #if ACTIVATION == 1
        return x > 0.0f ? x : 0.0f;
    #elif ACTIVATION == 2
        float inner = 0.7978845608028654f * (x + 0.044715f * x * x * x);
        return 0.5f * x * (1.0f + tanh(inner));
    #else
        return x;
    #endif
    }

    __kernel __attribute__((reqd_work_group_size(WORK_GROUP_X, WORK_GROUP_Y, 1)))
    void gemm(const int M, const int N, const int K,
              __global const float* A, const int strideBatchA,
              __global const float* B, const int strideBatchB,
              __global float* C, const int strideBatchC,
              __global const float* bias, const float alpha, const float beta) {
        __local float tileA[TILE_K * TILE_M];
        __local float tileB[TILE_K * TILE_N];
        const int localX = get_local_id(0), localY = get_local_id(1);
        const int thread = localY * WORK_GROUP_X + localX;
        const int blockRow = get_group_id(1) * TILE_M, blockColumn = get_group_id(0) * TILE_N;
        const int batch = get_global_id(2);
        A += batch * strideBatchA; B += batch * strideBatchB; C += batch * strideBatchC;
    #if TRANSPOSE_A
        const int lda = M;
    #else
        const int lda = K;
    #endif
    #if TRANSPOSE_B
        const int ldb = K;
    #else
        const int ldb = N;
    #endif
        floatW accumulator[WORK_M];
        for (int i = 0; i < WORK_M; i++) accumulator[i] = (floatW)(0.0f);

        for (int k0 = 0; k0 < K; k0 += TILE_K) {
            for (int l = thread; l < TILE_M * TILE_K; l += THREADS) {
    #if TRANSPOSE_A
                const int m = l % TILE_M, k = l / TILE_M;
                const int row = blockRow + m, depth = k0 + k;
                tileA[k * TILE_M + m] = (row < M && depth < K) ? A[depth * lda + row] : 0.0f;
    #else
                const int k = l % TILE_K, m = l / TILE_K;
                const int row = blockRow + m, depth = k0 + k;
                tileA[k * TILE_M + m] = (row < M && depth < K) ? A[row * lda + depth] : 0.0f;
    #endif
            }
    #if TRANSPOSE_B
            for (int l = thread; l < TILE_N * TILE_K; l += THREADS) {
                const int k = l % TILE_K, n = l / TILE_K;
                const int column = blockColumn + n, depth = k0 + k;
                tileB[k * TILE_N + n] = (column < N && depth < K) ? B[column * ldb + depth] : 0.0f;
            }
    #else
            if ((N % WORK_N) == 0 && blockColumn + TILE_N <= N && k0 + TILE_K <= K) {
                for (int l = thread; l < TILE_N * TILE_K / WORK_N; l += THREADS) {
                    const int n = (l % (TILE_N / WORK_N)) * WORK_N, k = l / (TILE_N / WORK_N);
                    vstoreW(vloadW(0, B + (k0 + k) * ldb + blockColumn + n), 0, tileB + k * TILE_N + n);
                }
            } else {
                for (int l = thread; l < TILE_N * TILE_K; l += THREADS) {
                    const int n = l % TILE_N, k = l / TILE_N;
                    const int column = blockColumn + n, depth = k0 + k;
                    tileB[k * TILE_N + n] = (column < N && depth < K) ? B[depth * ldb + column] : 0.0f;
                }
            }
    #endif
            barrier(CLK_LOCAL_MEM_FENCE);
            for (int k = 0; k < TILE_K; k++) {
                const floatW b = vloadW(0, tileB + k * TILE_N + localX * WORK_N);
                for (int i = 0; i < WORK_M; i++) {
                    accumulator[i] = mad((floatW)(tileA[k * TILE_M + localY * WORK_M + i]), b, accumulator[i]);
                }
            }
            barrier(CLK_LOCAL_MEM_FENCE);
        }

        const int column0 = blockColumn + localX * WORK_N;
        for (int i = 0; i < WORK_M; i++) {
            const int row = blockRow + localY * WORK_M + i;
            if (row >= M) break;
            float values[WORK_N];
            vstoreW(accumulator[i] * alpha, 0, values);
            for (int j = 0; j < WORK_N; j++) {
                const int column = column0 + j;
                if (column >= N) break;
                float value = values[j];
                if (beta != 0.0f) value += beta * C[row * N + column];
    #if HAS_BIAS
                value += bias[column];
    #endif
                C[row * N + column] = activate(value);
            }
        }
    }
    """
}
