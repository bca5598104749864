/**
 * Value binding for ClickHouse SQL — the ONE audited place where untrusted values become SQL.
 *
 * Queries are written as {@link SqlFragment}s: trusted SQL text interleaved with typed
 * {@link Binding}s (never string-concatenated values). A fragment is compiled for the
 * target server:
 *  - `literal` mode (ClickHouse < 20, e.g. 18.16 which lacks server-side parameters): every
 *    binding is validated and rendered as an escaped literal by {@link renderLiteral};
 *  - `server` mode (ClickHouse >= 20): bindings become `{pN:Type}` placeholders and the values
 *    travel separately as `query_params` (the values are still validated the same way).
 */

export type ScalarType =
  | 'UInt8'
  | 'UInt16'
  | 'UInt32'
  | 'UInt64'
  | 'Int32'
  | 'Int64'
  | 'Float64'
  | 'String'
  | 'Date'
  | 'DateTime'

export type ClickHouseType = ScalarType | `Array(${string})`

export type CompileMode = 'literal' | 'server'

/** Thrown for any value that cannot be safely bound as the requested type. */
export class BindingError extends Error {
  readonly type: string
  readonly value: unknown

  constructor(message: string, type: string, value: unknown) {
    super(message)
    this.name = 'BindingError'
    this.type = type
    this.value = value
  }
}

const INTEGER_RANGES: Record<string, readonly [bigint, bigint]> = {
  UInt8: [0n, 255n],
  UInt16: [0n, 65535n],
  UInt32: [0n, 4294967295n],
  UInt64: [0n, 18446744073709551615n],
  Int32: [-2147483648n, 2147483647n],
  Int64: [-9223372036854775808n, 9223372036854775807n],
}

const SCALAR_TYPES = new Set<string>([...Object.keys(INTEGER_RANGES), 'Float64', 'String', 'Date', 'DateTime'])

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'bigint') return `${value}n`
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'Invalid' : value.toISOString()})`
  try {
    return String(JSON.stringify(value) ?? String(value))
  } catch {
    return Object.prototype.toString.call(value)
  }
}

function fail(type: string, value: unknown, reason: string): never {
  throw new BindingError(`cannot bind ${describe(value)} as ${type}: ${reason}`, type, value)
}

/** Parses `Array(T)` (nested allowed) or a scalar type; throws BindingError for anything else. */
function parseType(type: string): { scalar: ScalarType } | { element: string } {
  if (typeof type !== 'string') fail(String(type), undefined, 'type must be a string')
  const array = /^Array\((.+)\)$/.exec(type)
  if (array) return { element: array[1] }
  if (SCALAR_TYPES.has(type)) return { scalar: type as ScalarType }
  return fail(type, undefined, 'unsupported ClickHouse type')
}

function normalizeInteger(value: unknown, type: string): bigint {
  let big: bigint
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(type, value, 'not a finite number')
    if (!Number.isInteger(value)) fail(type, value, 'not an integer')
    if (!Number.isSafeInteger(value)) fail(type, value, 'unsafe integer (pass a bigint or decimal string)')
    big = BigInt(value)
  } else if (typeof value === 'bigint') {
    big = value
  } else if (typeof value === 'string') {
    if (!/^-?(0|[1-9]\d*)$/.test(value)) fail(type, value, 'not a decimal integer string')
    big = BigInt(value)
  } else {
    return fail(type, value, `expected an integer, got ${value === null ? 'null' : typeof value}`)
  }
  const [min, max] = INTEGER_RANGES[type]
  if (big < min || big > max) fail(type, value, `out of range [${min}, ${max}]`)
  return big
}

function normalizeFloat(value: unknown, type: string): number {
  if (typeof value !== 'number') fail(type, value, `expected a number, got ${value === null ? 'null' : typeof value}`)
  if (!Number.isFinite(value)) fail(type, value, 'not a finite number')
  return Object.is(value, -0) ? 0 : value
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function validDate(type: string, value: unknown, y: string, m: string, d: string): void {
  const year = Number(y)
  const month = Number(m)
  const day = Number(d)
  if (year < 1970 || year > 2105) fail(type, value, 'year outside the ClickHouse range 1970..2105')
  if (month < 1 || month > 12) fail(type, value, 'invalid month')
  if (day < 1 || day > daysInMonth(year, month)) fail(type, value, 'invalid day of month')
}

function normalizeDate(value: unknown, type: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) fail(type, value, 'invalid Date')
    value = value.toISOString().slice(0, 10)
  }
  if (typeof value !== 'string') return fail(type, value, 'expected a YYYY-MM-DD string')
  const match = DATE_RE.exec(value)
  if (!match) return fail(type, value, 'expected a YYYY-MM-DD string')
  validDate(type, value, match[1], match[2], match[3])
  return value
}

/** DateTime values are interpreted in the server time zone (as ClickHouse does for both modes). */
function normalizeDateTime(value: unknown, type: string): string {
  if (typeof value !== 'string') return fail(type, value, "expected a 'YYYY-MM-DD hh:mm:ss' string")
  const match = DATETIME_RE.exec(value)
  if (!match) return fail(type, value, "expected a 'YYYY-MM-DD hh:mm:ss' string")
  validDate(type, value, match[1], match[2], match[3])
  if (Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6]) > 59) fail(type, value, 'invalid time of day')
  return value
}

function normalizeString(value: unknown, type: string): string {
  if (typeof value !== 'string') return fail(type, value, `expected a string, got ${value === null ? 'null' : typeof value}`)
  // Lone surrogates cannot be encoded as UTF-8; refuse them instead of silently mangling.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
    fail(type, value, 'contains an unpaired UTF-16 surrogate')
  }
  return value
}

/**
 * Escapes a string for a single-quoted ClickHouse literal: backslash and quote are
 * backslash-escaped, control characters become `\n`, `\t`, … or `\xHH`. Every other
 * character (including all non-ASCII text such as 中文) is passed through unchanged.
 */
export function escapeString(value: string): string {
  let out = ''
  for (const ch of value) {
    const code = ch.codePointAt(0) as number
    if (ch === '\\') out += '\\\\'
    else if (ch === "'") out += "\\'"
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (ch === '\0') out += '\\0'
    else if (ch === '\b') out += '\\b'
    else if (ch === '\f') out += '\\f'
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
    else out += ch
  }
  return `'${out}'`
}

/** Validates `value` for `type` and returns the normalized JS value (used by both modes). */
export function normalizeValue(value: unknown, type: ClickHouseType): unknown {
  const parsed = parseType(type)
  if ('element' in parsed) {
    if (!Array.isArray(value)) return fail(type, value, 'expected an array')
    return value.map((item) => normalizeValue(item, parsed.element as ClickHouseType))
  }
  switch (parsed.scalar) {
    case 'Float64':
      return normalizeFloat(value, type)
    case 'String':
      return normalizeString(value, type)
    case 'Date':
      return normalizeDate(value, type)
    case 'DateTime':
      return normalizeDateTime(value, type)
    default: {
      const big = normalizeInteger(value, type)
      // Keep JS numbers where exact; 64-bit values travel as decimal strings.
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString()
    }
  }
}

/** Renders `value` as a ClickHouse SQL literal of `type` (ClickHouse 18.x compatible). */
export function renderLiteral(value: unknown, type: ClickHouseType): string {
  const parsed = parseType(type)
  if ('element' in parsed) {
    if (!Array.isArray(value)) return fail(type, value, 'expected an array')
    return `[${value.map((item) => renderLiteral(item, parsed.element as ClickHouseType)).join(', ')}]`
  }
  switch (parsed.scalar) {
    case 'Float64':
      return String(normalizeFloat(value, type))
    case 'String':
      return escapeString(normalizeString(value, type))
    case 'Date':
      return `toDate(${escapeString(normalizeDate(value, type))})`
    case 'DateTime':
      return `toDateTime(${escapeString(normalizeDateTime(value, type))})`
    default:
      return normalizeInteger(value, type).toString()
  }
}

// ---------------------------------------------------------------------------------------------
// SQL fragments
// ---------------------------------------------------------------------------------------------

export type Binding = { readonly kind: 'binding'; readonly value: unknown; readonly type: ClickHouseType }

/** Trusted SQL text interleaved with bindings: `parts.length === bindings.length + 1`. */
export type SqlFragment = { readonly kind: 'sql'; readonly parts: readonly string[]; readonly bindings: readonly Binding[] }

export type CompiledQuery = {
  readonly sql: string
  /** Values for `{pN:Type}` placeholders (server mode only; empty in literal mode). */
  readonly params: Readonly<Record<string, unknown>>
  readonly mode: CompileMode
}

/** A typed value to bind. Validation happens at compile time in both modes. */
export function bind(value: unknown, type: ClickHouseType): Binding {
  parseType(type)
  return { kind: 'binding', value, type }
}

function isFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && (value as SqlFragment).kind === 'sql'
}

function isBinding(value: unknown): value is Binding {
  return typeof value === 'object' && value !== null && (value as Binding).kind === 'binding'
}

/**
 * Tagged template: `sql\`SELECT … WHERE id = ${bind(id, 'UInt32')}\``. Interpolations must be
 * bindings or fragments — a bare value is a programming error and throws.
 */
export function sql(strings: TemplateStringsArray, ...values: ReadonlyArray<Binding | SqlFragment>): SqlFragment {
  const parts: string[] = [strings[0]]
  const bindings: Binding[] = []
  values.forEach((value, index) => {
    if (isBinding(value)) {
      bindings.push(value)
      parts.push(strings[index + 1])
    } else if (isFragment(value)) {
      parts[parts.length - 1] += value.parts[0]
      for (let i = 0; i < value.bindings.length; i++) {
        bindings.push(value.bindings[i])
        parts.push(value.parts[i + 1])
      }
      parts[parts.length - 1] += strings[index + 1]
    } else {
      throw new TypeError('sql`…`: interpolate bind(value, type) or a fragment, never a raw value')
    }
  })
  return { kind: 'sql', parts, bindings }
}

/** Trusted SQL text (identifiers and expressions declared in code — never user input). */
export function raw(text: string): SqlFragment {
  return { kind: 'sql', parts: [text], bindings: [] }
}

export function joinSql(fragments: readonly SqlFragment[], separator: string): SqlFragment {
  const parts: string[] = ['']
  const bindings: Binding[] = []
  fragments.forEach((fragment, index) => {
    if (index > 0) parts[parts.length - 1] += separator
    parts[parts.length - 1] += fragment.parts[0]
    for (let i = 0; i < fragment.bindings.length; i++) {
      bindings.push(fragment.bindings[i])
      parts.push(fragment.parts[i + 1])
    }
  })
  return { kind: 'sql', parts, bindings }
}

/** Compiles a fragment for the given mode. Throws BindingError on any invalid value. */
export function compile(fragment: SqlFragment, mode: CompileMode): CompiledQuery {
  let text = fragment.parts[0]
  const params: Record<string, unknown> = {}
  fragment.bindings.forEach((binding, index) => {
    if (mode === 'literal') {
      text += renderLiteral(binding.value, binding.type)
    } else {
      const name = `p${index}`
      params[name] = normalizeValue(binding.value, binding.type)
      text += `{${name}:${binding.type}}`
    }
    text += fragment.parts[index + 1]
  })
  return { sql: text, params, mode }
}

/** Server-side query parameters are used from ClickHouse 20 on; older servers get literals. */
export function modeForVersion(version: string): CompileMode {
  const major = Number.parseInt(String(version).split('.')[0], 10)
  return Number.isFinite(major) && major >= 20 ? 'server' : 'literal'
}
