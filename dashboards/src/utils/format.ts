/**
 * Formatting of the dashboards: numbers, percentages, scores, areas and dates come from the one
 * source shared with the H5 and the exports (@szpm/core's format.ts, one rounding rule, dates in
 * Asia/Shanghai). Only the route-query parsers below are the dashboards' own.
 */
export { EMPTY, formatArea, formatCount, formatDate, formatDateTime, formatMetric, formatPercent, formatScore, toPercent } from '@szpm/core'

/** a numeric route query value, or undefined when absent / not a positive integer */
export function queryNumber(value: unknown): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  if (typeof text !== 'string' || !/^\d+$/.test(text)) return undefined
  const number = Number(text)
  return number > 0 ? number : undefined
}

/** a string route query value, or undefined when absent / empty */
export function queryString(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value[0] : value
  return typeof text === 'string' && text !== '' ? text : undefined
}
