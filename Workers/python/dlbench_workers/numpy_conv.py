"""Convolution (im2col + one GEMM) and max-pooling (argmax routing) over NHWC images, forward and backward.

NHWC keeps every stage's GEMM output in the layout the next stage reads (no transposes), and makes each im2col
row a run of (kh, kw, C) values whose (kw, C) part is contiguous in memory. The weight is therefore kept as
[O, kh·kw·C] (OIHW permuted to OHWI), see `conv_weight_rows`.
"""
from __future__ import annotations

from typing import Optional, Tuple

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .numpy_layers import column_sums


def conv_weight_rows(oihw: np.ndarray) -> np.ndarray:
    """PyTorch's OIHW weight as the [O, kh·kw·I] matrix that multiplies NHWC im2col rows."""
    return np.ascontiguousarray(oihw.transpose(0, 2, 3, 1).reshape(oihw.shape[0], -1))


def pad(x: np.ndarray, padding: int) -> np.ndarray:
    if padding == 0:
        return x
    batch, height, width, channels = x.shape
    padded = np.zeros((batch, height + 2 * padding, width + 2 * padding, channels), np.float32)
    padded[:, padding:padding + height, padding:padding + width] = x
    return padded


def im2col(x: np.ndarray, kernel: int, padding: int) -> Tuple[np.ndarray, Tuple[int, int, int]]:
    """[B·OH·OW, kh·kw·C] rows and (B, OH, OW). With few channels, k² shifted-slice copies into the rows beat one
    gather of the strided window view (whose innermost runs are then only C long); with more, the gather wins."""
    padded = pad(x, padding)
    batch, channels = x.shape[0], x.shape[3]
    out_height, out_width = padded.shape[1] - kernel + 1, padded.shape[2] - kernel + 1
    if channels < 4:
        columns = np.empty((batch, out_height, out_width, kernel, kernel, channels), np.float32)
        for row in range(kernel):
            for column in range(kernel):
                columns[:, :, :, row, column] = padded[:, row:row + out_height, column:column + out_width]
    else:
        windows = sliding_window_view(padded, (kernel, kernel), axis=(1, 2))  # [B, OH, OW, C, kh, kw]
        columns = windows.transpose(0, 1, 2, 4, 5, 3)
    return columns.reshape(batch * out_height * out_width, -1), (batch, out_height, out_width)


def conv2d(x: np.ndarray, weight_rows: np.ndarray, bias: np.ndarray, kernel: int,
           padding: int) -> Tuple[np.ndarray, np.ndarray]:
    """Stride-1 convolution with zero padding → (y [B, OH, OW, O], the im2col rows the backward needs)."""
    columns, (batch, out_height, out_width) = im2col(x, kernel, padding)
    y = columns @ weight_rows.T
    y += bias
    return y.reshape(batch, out_height, out_width, -1), columns


def conv2d_backward(dy: np.ndarray, columns: np.ndarray, weight_rows: np.ndarray, weight_grad: np.ndarray,
                    bias_grad: np.ndarray, input_shape: Tuple[int, ...], kernel: int,
                    padding: int, needs_input_grad: bool) -> Optional[np.ndarray]:
    """dW = dyᵀ·columns, db = Σ dy; dx by col2im: the k² window offsets scatter-added as shifted slices, done
    channel-major ([kh, kw, C, B, OH, OW] from one GEMM) so every slice add runs over contiguous image rows."""
    rows = dy.reshape(-1, dy.shape[-1])
    np.matmul(rows.T, columns, out=weight_grad)
    column_sums(rows, bias_grad)
    if not needs_input_grad:
        return None
    batch, height, width, channels = input_shape
    out_height, out_width = dy.shape[1], dy.shape[2]
    d_columns = (weight_rows.T @ rows.T).reshape(kernel, kernel, channels, batch, out_height, out_width)
    d_padded = np.zeros((channels, batch, height + 2 * padding, width + 2 * padding), np.float32)
    for row in range(kernel):
        for column in range(kernel):
            d_padded[:, :, row:row + out_height, column:column + out_width] += d_columns[row, column]
    return d_padded[:, :, padding:padding + height, padding:padding + width].transpose(1, 2, 3, 0)


def _window_offsets(shape: Tuple[int, ...], size: int):
    """The size² strided views, one per offset (row, column) of the window in scan order, over the
    floor-cropped image (PyTorch drops an odd last row/column): each is [B, PH, PW, C]."""
    pooled_height, pooled_width = shape[1] // size, shape[2] // size
    return [(row, column, np.s_[:, row:pooled_height * size:size, column:pooled_width * size:size])
            for row in range(size) for column in range(size)]


def max_pool_forward(x: np.ndarray, size: int) -> np.ndarray:
    """Inference: the window maxima, no winners kept."""
    offsets = _window_offsets(x.shape, size)
    pooled = x[offsets[0][2]].copy()
    for _, _, window in offsets[1:]:
        np.maximum(pooled, x[window], out=pooled)
    return pooled


def max_pool_train(x: np.ndarray, size: int) -> Tuple[np.ndarray, np.ndarray]:
    """Max-pool keeping, per window offset, a mask of the outputs it won: the first maximum in scan order
    (dlbench's and PyTorch's argmax tie rule — after ReLU, windows of equal values are common). One pass per
    offset over strided views, boolean masks (cheaper than an argmax over a gathered window axis)."""
    pooled = max_pool_forward(x, size)
    offsets = _window_offsets(x.shape, size)
    winners = np.empty((len(offsets),) + pooled.shape, np.bool_)
    taken = np.zeros(pooled.shape, np.bool_)
    for index, (_, _, window) in enumerate(offsets):
        np.equal(x[window], pooled, out=winners[index])
        if index:
            winners[index] &= ~taken  # an earlier offset with the same maximum already won
        taken |= winners[index]
    return pooled, winners


def max_pool_backward(dy: np.ndarray, winners: np.ndarray, input_shape: Tuple[int, ...], size: int) -> np.ndarray:
    """Each output's gradient goes to its window's winner; losers and cropped rows/columns get 0."""
    covered = input_shape[1] % size == 0 and input_shape[2] % size == 0
    dx = np.empty(input_shape, np.float32) if covered else np.zeros(input_shape, np.float32)
    for index, (_, _, window) in enumerate(_window_offsets(input_shape, size)):
        np.multiply(dy, winners[index], out=dx[window])
    return dx
