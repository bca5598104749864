/**
 * 招标投标管理 test helpers: filings written straight to the tables (the review path has its own tests
 * in tenders.spec.ts) and requests signed as the bidding platform signs them.
 */
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import { E, USERS } from '#tests/support/world'
import { DEV_BIDDING_SECRET, signBody } from '#modules/tenders/bidding_signature'

export interface SeededTender {
  id: number
  filingNo: string
}

/** one filing in the given state (approved by default), decided now */
export async function seedTender(options: { estate?: number; kind?: 'committee' | 'developer'; state?: string; title?: string } = {}): Promise<SeededTender> {
  const now = clock.now().toJSDate()
  const kind = options.kind ?? 'committee'
  const state = options.state ?? 'approved'
  const [row] = await db.table('tenders').insert({
    filing_no: `TMP-${crypto.randomUUID()}`, estate_id: options.estate ?? E.e1, tenderer_kind: kind,
    tenderer_name: kind === 'committee' ? '翠园小区业主委员会' : '园岭置业有限公司', title: options.title ?? '翠园小区物业服务企业选聘', tender_method: 'public',
    resolution: '翠园业主大会〔2026〕1号决议', service_scope: '', contact_name: '李主任', contact_phone: '13800000003', state, round: 1,
    round_started_at: now, decided_at: state === 'approved' ? now : null, submitted_by: kind === 'committee' ? USERS.director.id : USERS.handler.id,
    created_at: now, updated_at: now,
  }).returning('id')
  const id = Number(row.id ?? row)
  const filingNo = `ZBBA-2026-${String(id).padStart(6, '0')}`
  await db.from('tenders').where('id', id).update({ filing_no: filingNo })
  await db.table('tender_rounds').insert({ tender_id: id, round: 1, submitted_at: now, decided_at: state === 'approved' ? now : null, decision: state === 'approved' ? 'approved' : null })
  return { id, filingNo }
}

/** a POST to the inbound API signed with the platform's secret at the platform clock (overridable for the refusals) */
export function signedEvent(client: any, body: Record<string, unknown> | string, options: { secret?: string; timestamp?: number; signature?: string } = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body)
  const timestamp = options.timestamp ?? Math.floor(clock.now().toMillis() / 1000)
  const signature = options.signature ?? signBody(options.secret ?? DEV_BIDDING_SECRET, timestamp, raw)
  return client.post('/api/v1/integrations/bidding/events')
    .header('content-type', 'application/json')
    .header('x-bidding-timestamp', String(timestamp))
    .header('x-bidding-signature', signature)
    .json(typeof body === 'string' ? JSON.parse(body) : body)
}
