/** Markdown helpers for the report. */

export const ms = (value) => (Number.isFinite(value) ? (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)) : '–')
export const int = (value) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–')
export const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(value >= 10 ? 0 : value >= 1 ? 1 : 2)}×` : '–')
export const mb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB` : '–')

export function table(headers, rows) {
  const line = (cells) => `| ${cells.map((cell) => String(cell).replaceAll('|', '\\|')).join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

/** A target verdict: { target, measured, met, bound? } — `bound` explains an unmet target. */
export function verdict(target, measured, met, bound = '') {
  return { target, measured, met, bound }
}

export function progress(message) {
  process.stdout.write(`[bench] ${message}\n`)
}
