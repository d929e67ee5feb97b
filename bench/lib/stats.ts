/** The statistics of the benchmarks: percentiles of response times, and trends of series sampled over time. */

/** A value sampled at `t` seconds. */
export interface TimedValue {
  t: number;
  value: number;
}

/** The value at `fraction` (0.99 for p99) of an ascending array, by the nearest-rank method; NaN when empty. */
export function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

export function average(points: readonly TimedValue[]): number {
  return points.reduce((sum, p) => sum + p.value, 0) / points.length;
}

/** Least-squares slope of value over t, in value units per second; 0 when all points share one t. */
export function leastSquaresSlope(points: readonly TimedValue[]): number {
  const meanT = points.reduce((sum, p) => sum + p.t, 0) / points.length;
  const meanV = average(points);
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.t - meanT) * (p.value - meanV);
    variance += (p.t - meanT) ** 2;
  }
  return variance > 0 ? covariance / variance : 0;
}

/**
 * The points of the first and of the last window of the span [from, to]: each a fifth of the span, at least
 * `minSeconds`, at most a third (so that the two never meet).
 */
export function edgeWindows(
  points: readonly TimedValue[],
  from: number,
  to: number,
  minSeconds = 10,
): { first: TimedValue[]; last: TimedValue[] } {
  const window = Math.min((to - from) / 3, Math.max(minSeconds, (to - from) / 5));
  return { first: points.filter((p) => p.t <= from + window), last: points.filter((p) => p.t >= to - window) };
}
