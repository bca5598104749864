/** Order statistics over samples in milliseconds, and a timing loop with warm-ups. */

/** Nearest-rank percentile (p in 0..100) of an unsorted array. */
export function percentile(samples, p) {
  if (samples.length === 0) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]
}

export function median(samples) {
  if (samples.length === 0) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function summarize(samples) {
  return { n: samples.length, median: median(samples), p95: percentile(samples, 95), min: Math.min(...samples), max: Math.max(...samples) }
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; returns the summary and the last result. */
export async function timeIt(fn, { warmup = 5, runs = 50 } = {}) {
  let result
  for (let i = 0; i < warmup; i++) result = await fn()
  const samples = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    result = await fn()
    samples.push(performance.now() - started)
  }
  return { ...summarize(samples), result }
}
