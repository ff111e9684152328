"""The one bootstrap of `qa eval`: percentile confidence intervals of a (weighted) mean, by scipy.stats.bootstrap.

Used by the metric summaries (evalharness.metrics), paired variant differences, the regression gates against a
baseline (evalharness.gates) and the verifier's agreement with hand labels. It used to be written three times by
hand; scipy's implementation does the resampling in bounded batches and offers BCa intervals too (we keep the
percentile method: BCa is undefined for the constant 0/1 columns that small runs often have).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

BATCH_CELLS = 2_000_000  # resampled values held in memory at once


def bootstrap_ci(values: Sequence[float] | np.ndarray, weights: Sequence[float] | np.ndarray | None = None, *,
                 n_resamples: int = 1000, seed: int = 0, confidence: float = 0.95) -> list[float]:
    """[lo, hi] of the mean of `values` (weighted by `weights` when given; values and weights are resampled
    together). A single value or a constant column has the zero-width interval [v, v]."""
    from scipy import stats

    x = np.asarray(values, dtype=np.float64)
    if len(x) == 0:
        return [float("nan")] * 2
    w = None if weights is None else np.asarray(weights, dtype=np.float64)
    point = float(x.mean() if w is None else (x * w).sum() / w.sum())
    if len(x) == 1 or np.all(x == x[0]):
        return [point, point]
    batch = max(1, min(n_resamples, BATCH_CELLS // len(x)))
    rng = np.random.default_rng(seed)
    if w is None:
        result = stats.bootstrap((x,), np.mean, n_resamples=n_resamples, confidence_level=confidence,
                                 method="percentile", vectorized=True, batch=batch, random_state=rng)
    else:
        def weighted_mean(v, wt, axis=-1):
            total = wt.sum(axis=axis)
            # a resample whose items all weigh 0 (no claims) has no mean: count it as the point estimate
            return np.where(total > 0, (v * wt).sum(axis=axis) / np.where(total > 0, total, 1), point)

        result = stats.bootstrap((x, w), weighted_mean, paired=True, n_resamples=n_resamples,
                                 confidence_level=confidence, method="percentile", vectorized=True, batch=batch,
                                 random_state=rng)
    return [float(result.confidence_interval.low), float(result.confidence_interval.high)]
