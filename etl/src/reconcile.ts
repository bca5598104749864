/** Compares every estate's filing state in PostgreSQL with ClickHouse (read with FINAL). */
import type { Pool } from 'pg'
import { ESTATE_FILING_FACTS_TABLE, raw } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import { pgQueryFn } from './pg.ts'
import { loadEstateFilingStatePage } from './sources/estate_filing_state.ts'
import type { EstateFilingState } from './sources/estate_filing_state.ts'
import { getWatermark, OUTBOX_WATERMARK } from './watermarks.ts'

export type DifferenceKind = 'missing_in_warehouse' | 'extra_in_warehouse' | 'duplicate_in_warehouse' | 'mismatch'

export type Difference = {
  estateId: number
  kind: DifferenceKind
  /** For 'mismatch': the differing fields. */
  fields?: Record<string, { postgres: unknown; warehouse: unknown }>
}

export type ReconcileResult = {
  /** Estates compared (PostgreSQL side). */
  checked: number
  /** Logical rows in ClickHouse (after FINAL). */
  warehouseRows: number
  /** Outbox events after the watermark: differences may just be lag when > 0. */
  pendingEvents: number
  differences: Difference[]
}

const FIELDS: ReadonlyArray<keyof EstateFilingState> = [
  'estate_name', 'district_id', 'district_name', 'street_id', 'street_name', 'community_id', 'community_name', 'contract_status', 'assembly_status',
]

export async function reconcile(options: {
  pg: Pool
  warehouse: Pick<Warehouse, 'query'>
  batchSize?: number
  watermarkName?: string
}): Promise<ReconcileResult> {
  const batchSize = options.batchSize ?? 10_000
  const warehouseRows = await options.warehouse.query<Record<string, unknown>>(
    raw(`SELECT ${['estate_id', ...FIELDS].join(', ')} FROM ${ESTATE_FILING_FACTS_TABLE} FINAL ORDER BY estate_id`),
  )
  const byEstate = new Map<number, Record<string, unknown>[]>()
  for (const row of warehouseRows) {
    const id = Number(row.estate_id)
    byEstate.set(id, [...(byEstate.get(id) ?? []), row])
  }

  const differences: Difference[] = []
  const client = await options.pg.connect()
  let checked = 0
  let pendingEvents = 0
  try {
    await client.query('begin isolation level repeatable read read only')
    const queryFn = pgQueryFn(client)
    let afterId = 0
    for (;;) {
      const states = await loadEstateFilingStatePage(queryFn, afterId, batchSize)
      for (const state of states) {
        checked++
        const rows = byEstate.get(state.estate_id)
        byEstate.delete(state.estate_id)
        if (!rows) {
          differences.push({ estateId: state.estate_id, kind: 'missing_in_warehouse' })
          continue
        }
        if (rows.length > 1) differences.push({ estateId: state.estate_id, kind: 'duplicate_in_warehouse' })
        const fields: Difference['fields'] = {}
        for (const field of FIELDS) {
          const expected = state[field]
          const actual = typeof expected === 'number' ? Number(rows[0][field]) : rows[0][field]
          if (actual !== expected) fields[field] = { postgres: expected, warehouse: rows[0][field] }
        }
        if (Object.keys(fields).length > 0) differences.push({ estateId: state.estate_id, kind: 'mismatch', fields })
      }
      if (states.length < batchSize) break
      afterId = states[states.length - 1].estate_id
    }
    const watermark = await getWatermark(queryFn, options.watermarkName ?? OUTBOX_WATERMARK)
    const pending = await client.query<{ n: string }>('select count(*)::text as n from outbox_events where id > $1', [watermark])
    pendingEvents = Number(pending.rows[0].n)
    await client.query('commit')
  } catch (error) {
    client.release(true)
    throw error
  }
  client.release()
  for (const estateId of byEstate.keys()) differences.push({ estateId, kind: 'extra_in_warehouse' })
  differences.sort((a, b) => a.estateId - b.estateId || a.kind.localeCompare(b.kind))
  return { checked, warehouseRows: warehouseRows.length, pendingEvents, differences }
}
