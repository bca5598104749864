/*
| Integer inputs, bounded by the range of the column they end up in. Every integer field of every
| validator is built here, so the bounds are written once:
|
|   - PostgreSQL `integer` (ids, versions, counts, years …): −2^31 … 2^31−1; ids start at 1.
|   - a version is compared and then incremented in the same UPDATE, so its largest accepted value is
|     2^31−2 (2^31−1 + 1 would overflow the column inside PostgreSQL and surface as a 500).
|   - PostgreSQL `bigint`: JavaScript's safe integers (beyond them a number is no longer exact).
|
| Types are not coerced: a JSON body integer must be a JSON number (`true`, `"3"`, `"0x3"` are refused);
| a query-string integer must be decimal digits only (`0x3`, `1e3`, ` 3`, `+3` are refused).
*/
import vine from '@vinejs/vine'

export const PG_INTEGER_MIN = -2147483648
export const PG_INTEGER_MAX = 2147483647
export const PG_BIGINT_MIN = Number.MIN_SAFE_INTEGER
export const PG_BIGINT_MAX = Number.MAX_SAFE_INTEGER

export type IntegerColumn = 'integer' | 'bigint'
export interface IntegerOptions {
  /** the column's type: PostgreSQL `integer` (default) or `bigint` */
  column?: IntegerColumn
  /** a narrower range inside the column's range (e.g. a year, a page size) */
  min?: number
  max?: number
  /** the value comes from the query string (text): accept decimal digits only */
  query?: boolean
}

const DECIMAL = /^-?\d{1,20}$/

/** query-string text → number when it is plain decimal digits; anything else stays as it is (and is refused) */
function fromQueryText(value: unknown) {
  if (typeof value === 'string' && DECIMAL.test(value)) return Number(value)
  return value
}

/** the column's range intersected with the field's own range */
export function integerRange(options: IntegerOptions = {}): [number, number] {
  const [low, high] = options.column === 'bigint' ? [PG_BIGINT_MIN, PG_BIGINT_MAX] : [PG_INTEGER_MIN, PG_INTEGER_MAX]
  return [Math.max(low, options.min ?? low), Math.min(high, options.max ?? high)]
}

/** a whole number within its column's range, never coerced from another type */
export function integer(options: IntegerOptions = {}) {
  const schema = vine.number({ strict: true }).withoutDecimals().range(integerRange(options))
  return options.query ? schema.parse(fromQueryText) : schema
}

/** a row id (integer column, serial: ≥ 1) */
export const idField = (options: Omit<IntegerOptions, 'min'> = {}) => integer({ ...options, min: 1 })

/** an optimistic-lock version: ≥ 1 and still incrementable inside its integer column */
export const versionField = () => integer({ min: 1, max: PG_INTEGER_MAX - 1 })

/** list paging (query string) */
export const pageField = () => integer({ min: 1, max: 100000, query: true })
export const perPageField = () => integer({ min: 1, max: 200, query: true })

/** a non-integer number (scores, weights): a JSON number only (finite), never coerced from text or booleans */
export const decimalField = () => vine.number({ strict: true })
