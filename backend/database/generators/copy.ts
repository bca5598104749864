import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ClientBase } from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

export type CopyValue = string | number | bigint | boolean | Date | null | undefined

const SPECIAL = /[\\\t\n\r]/
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

/**
 * One value in PostgreSQL's COPY text format: `\N` for null, backslash, tab, newline and carriage
 * return escaped (they are the format's delimiters), everything else verbatim (UTF-8).
 */
export function copyText(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N'
  if (typeof value === 'string') return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot COPY non-finite number ${value}`)
    return String(value)
  }
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (value instanceof Date) return value.toISOString()
  return String(value)
}

/** A row as one COPY text line (with the trailing newline). */
export function copyLine(row: readonly CopyValue[]): string {
  let line = copyText(row[0])
  for (let i = 1; i < row.length; i++) line += '\t' + copyText(row[i])
  return line + '\n'
}

const CHUNK_CHARS = 256 * 1024

/**
 * Streams rows into `COPY table (columns) FROM STDIN`. Rows are pulled lazily from the iterable and
 * batched into ~256 KB chunks; `pipeline` only pulls the next chunk when the socket has drained, so
 * memory stays bounded however many rows there are. An error anywhere aborts the COPY (CopyFail),
 * and the surrounding transaction rolls everything back. Returns the number of rows PostgreSQL took.
 */
export async function copyRows(
  client: ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]> | AsyncIterable<readonly CopyValue[]>
): Promise<number> {
  const ident = (name: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier ${name}`)
    return name
  }
  const sql = `COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM STDIN`
  async function* chunks() {
    let buffer = ''
    for await (const row of rows) {
      if (row.length !== columns.length) throw new Error(`COPY ${table}: row has ${row.length} values, expected ${columns.length}`)
      buffer += copyLine(row)
      if (buffer.length >= CHUNK_CHARS) {
        yield buffer
        buffer = ''
      }
    }
    if (buffer.length > 0) yield buffer
  }
  const ingest = client.query(copyFrom(sql))
  await pipeline(Readable.from(chunks(), { objectMode: false }), ingest)
  return ingest.rowCount
}

/**
 * Runs `load` with the table's foreign keys dropped and re-adds them (same names and definitions)
 * afterwards, inside the caller's transaction. A foreign key checks COPYed rows one by one in an
 * after-trigger queue at the end of the statement (~6M index probes for the city's houses); adding
 * the constraint back validates all rows in one join instead. If anything fails, the transaction's
 * rollback restores the constraints too.
 */
export async function withForeignKeysDeferred<T>(client: ClientBase, table: string, load: () => Promise<T>): Promise<T> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`,
    [table]
  )
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`
  for (const fk of rows) await client.query(`ALTER TABLE ${quoted(table)} DROP CONSTRAINT ${quoted(fk.name)}`)
  const result = await load()
  for (const fk of rows) await client.query(`ALTER TABLE ${quoted(table)} ADD CONSTRAINT ${quoted(fk.name)} ${fk.definition}`)
  return result
}
