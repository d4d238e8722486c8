"""dlbench's LSTM classifier as a pure JAX function over the hand-off weights, in dlbench's own layout:
`lstm.weight_ih` [E, 4H], `lstm.weight_hh` [H, 4H] (x·W), one fused `lstm.bias`, gate blocks (i, f, o, g).

Under `jax.jit` the time loop is `jax.lax.scan`, JAX's own recurrence: one compiled loop body instead of S
unrolled steps, which is what a JAX user writes. Op by op (`mode: eager`) it is a Python loop over the same step:
`value_and_grad` of a `scan` outside `jit` traces and compiles the scan's forward and transposed loops again at
every call (jax 0.10.2, seen with `jax_log_compiles`: two `jit(scan)` compilations, ~2 s, per training step),
so the step time would measure XLA's compiler; the loop dispatches cached single ops instead, which is what
"op by op" means. As dlbench's `LSTM`, the input projection of all steps is one matmul before the loop.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Tuple

import jax
import jax.numpy as jnp

Parameters = Dict[str, Any]
Carry = Tuple[Any, Any, Any]  # (weight_hh, h, c)


def lstm_step(carry: Carry, projected: Any) -> Tuple[Carry, None]:
    """One time step. Defined once, at module level, with `weight_hh` riding in the carry rather than closed over:
    `lax.scan` caches its traced body by the function object, so a body closure made per call would be traced and
    compiled again at every op-by-op (`mode: eager`) step. Its gradient is accumulated over steps either way."""
    weight_hh, h, c = carry
    hidden = h.shape[1]
    gates = projected + h @ weight_hh
    sigmoids = jax.nn.sigmoid(gates[:, : 3 * hidden])
    i, f, o = sigmoids[:, :hidden], sigmoids[:, hidden: 2 * hidden], sigmoids[:, 2 * hidden:]
    g = jnp.tanh(gates[:, 3 * hidden:])
    c = f * c + i * g
    return (weight_hh, o * jnp.tanh(c), c), None


def lstm_classifier(model: Dict[str, Any], compiled: bool) -> Callable[[Parameters, Any], Any]:
    """`compiled`: the function will run under `jax.jit` (loop = `lax.scan`); else op by op (a Python loop)."""
    hidden = model["hiddenWidth"]

    def forward(params: Parameters, tokens: Any) -> Any:
        x = params["embedding.weight"][tokens]                                    # [B, S, E]
        projected = (x @ params["lstm.weight_ih"] + params["lstm.bias"]).swapaxes(0, 1)  # [S, B, 4H]
        zeros = jnp.zeros((tokens.shape[0], hidden), projected.dtype)
        carry = (params["lstm.weight_hh"], zeros, zeros)                          # h0 = c0 = 0
        if compiled:
            carry, _ = jax.lax.scan(lstm_step, carry, projected)
        else:
            for step in range(projected.shape[0]):
                carry, _ = lstm_step(carry, projected[step])
        return carry[1] @ params["classifier.weight"].T + params["classifier.bias"]
    return forward
