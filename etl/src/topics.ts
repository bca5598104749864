/** Registry: outbox topic → transformer into warehouse fact rows. */
import { ESTATE_EVALUATION_FACTS_TABLE, ESTATE_FILING_FACTS_TABLE } from '@szpm/warehouse'
import type { EstateEvaluationFactRow, EstateFilingFactRow } from '@szpm/warehouse'
import { ESTATE_FILING_STATE_TOPIC, FILING_STATES } from './sources/filings.ts'
import type { EstateFilingState } from './sources/filings.ts'
import { ESTATE_PROFILE_TOPIC, normalizeEstateProfile } from './sources/projects.ts'
import type { EstateProfile } from './sources/projects.ts'
import { ESTATE_EVALUATION_TOPIC, EVALUATION_STATES } from './sources/evaluations.ts'
import type { EstateEvaluation } from './sources/evaluations.ts'

export const ESTATE_PROFILE_FACTS_TABLE = 'estate_profile_facts'

export type OutboxEvent = {
  /** bigint as a decimal string (pg returns int8 as string). */
  id: string
  topic: string
  entity_id: string
  payload: unknown
  created_at: Date
}

export type TopicTransformer = {
  /** Target ClickHouse table. */
  readonly table: string
  /** Fact rows for one event. Throws on a malformed payload (the batch fails, the watermark stays). */
  toRows(event: OutboxEvent): Record<string, unknown>[]
}

export type TopicRegistry = Readonly<Record<string, TopicTransformer>>

export class PayloadError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PayloadError'
  }
}

function toUnixSeconds(value: Date | string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value)
  if (!Number.isFinite(ms)) throw new PayloadError(`invalid timestamp ${String(value)}`)
  return Math.max(0, Math.floor(ms / 1000))
}

function requireId(payload: Record<string, unknown>, key: string, event: string): number {
  const value = Number(payload[key])
  if (!Number.isInteger(value) || value < 0 || value > 4_294_967_295) throw new PayloadError(`${event}: ${key} must be a UInt32, got ${JSON.stringify(payload[key])}`)
  return value
}

function requireState(payload: Record<string, unknown>, key: string, event: string): EstateFilingState['contract_status'] {
  const value = payload[key]
  if (!(FILING_STATES as readonly unknown[]).includes(value)) throw new PayloadError(`${event}: ${key} must be one of ${FILING_STATES.join('|')}, got ${JSON.stringify(value)}`)
  return value as EstateFilingState['contract_status']
}

/** State row + version/changed_at → fact row (also used by the rebuild). */
export function estateFilingFactRow(state: EstateFilingState, version: string | bigint | number, changedAt: Date | string): EstateFilingFactRow {
  return {
    district_id: state.district_id,
    district_name: state.district_name,
    street_id: state.street_id,
    street_name: state.street_name,
    community_id: state.community_id,
    community_name: state.community_name,
    estate_id: state.estate_id,
    estate_name: state.estate_name,
    contract_status: state.contract_status,
    contract_expires_on: state.contract_expires_on,
    assembly_status: state.assembly_status,
    changed_at: toUnixSeconds(changedAt),
    version: String(version),
  }
}

/** Validates an `estate_filing_state` payload (the state row written by the backend). */
export function parseEstateFilingState(payload: unknown, event = 'estate_filing_state'): EstateFilingState {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new PayloadError(`${event}: payload must be an object`)
  const p = payload as Record<string, unknown>
  const text = (key: string) => {
    if (typeof p[key] !== 'string') throw new PayloadError(`${event}: ${key} must be a string`)
    return p[key] as string
  }
  return {
    estate_id: requireId(p, 'estate_id', event),
    estate_name: text('estate_name'),
    district_id: requireId(p, 'district_id', event),
    district_name: text('district_name'),
    street_id: requireId(p, 'street_id', event),
    street_name: text('street_name'),
    community_id: requireId(p, 'community_id', event),
    community_name: text('community_name'),
    contract_status: requireState(p, 'contract_status', event),
    contract_expires_on: optionalDate(p, 'contract_expires_on', event),
    assembly_status: requireState(p, 'assembly_status', event),
  }
}

/** YYYY-MM-DD or null; absent (events written before the field existed) reads null. */
function optionalDate(payload: Record<string, unknown>, key: string, event: string): string | null {
  const value = payload[key]
  if (value === undefined || value === null) return null
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new PayloadError(`${event}: ${key} must be YYYY-MM-DD or null, got ${JSON.stringify(value)}`)
  return value
}

/** Profile row + version/changed_at → estate_profile_facts row (also used by the rebuild). */
export function estateProfileFactRow(profile: EstateProfile, version: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return {
    district_id: profile.district_id,
    district_name: profile.district_name,
    street_id: profile.street_id,
    street_name: profile.street_name,
    community_id: profile.community_id,
    community_name: profile.community_name,
    estate_id: profile.estate_id,
    estate_name: profile.estate_name,
    estate_type: profile.estate_type,
    house_count: profile.house_count,
    household_count: profile.household_count,
    building_area: profile.building_area,
    company_name: profile.company_name,
    has_committee: profile.has_committee ? 1 : 0,
    changed_at: toUnixSeconds(changedAt),
    version: String(version),
  }
}

/** Validates an `estate_profile` payload. */
export function parseEstateProfile(payload: unknown, event = 'estate_profile'): EstateProfile {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new PayloadError(`${event}: payload must be an object`)
  const p = payload as Record<string, unknown>
  for (const key of ['estate_id', 'district_id', 'street_id', 'community_id']) requireId(p, key, event)
  for (const key of ['house_count', 'household_count']) requireId(p, key, event)
  for (const key of ['estate_name', 'district_name', 'street_name', 'community_name', 'estate_type', 'company_name']) {
    if (typeof p[key] !== 'string') throw new PayloadError(`${event}: ${key} must be a string`)
  }
  if (!Number.isFinite(Number(p.building_area))) throw new PayloadError(`${event}: building_area must be a number`)
  if (typeof p.has_committee !== 'boolean') throw new PayloadError(`${event}: has_committee must be a boolean`)
  return normalizeEstateProfile(p)
}

/** Evaluation row + version/changed_at → estate_evaluation_facts row (also used by the rebuild). */
export function estateEvaluationFactRow(evaluation: EstateEvaluation, version: string | bigint | number, changedAt: Date | string): EstateEvaluationFactRow {
  return {
    district_id: evaluation.district_id,
    district_name: evaluation.district_name,
    street_id: evaluation.street_id,
    street_name: evaluation.street_name,
    community_id: evaluation.community_id,
    community_name: evaluation.community_name,
    estate_id: evaluation.estate_id,
    estate_name: evaluation.estate_name,
    year: evaluation.year,
    half: evaluation.half,
    state: evaluation.state,
    was_submitted: evaluation.was_submitted ? 1 : 0,
    final_score: evaluation.final_score,
    closes_on: evaluation.closes_on,
    changed_at: toUnixSeconds(changedAt),
    version: String(version),
  }
}

/** Validates an `estate_evaluation` payload (the source row written by the backend). */
export function parseEstateEvaluation(payload: unknown, event = 'estate_evaluation'): EstateEvaluation {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new PayloadError(`${event}: payload must be an object`)
  const p = payload as Record<string, unknown>
  for (const key of ['evaluation_id', 'estate_id', 'district_id', 'street_id', 'community_id']) requireId(p, key, event)
  for (const key of ['estate_name', 'district_name', 'street_name', 'community_name']) {
    if (typeof p[key] !== 'string') throw new PayloadError(`${event}: ${key} must be a string`)
  }
  const year = Number(p.year)
  if (!Number.isInteger(year) || year < 1970 || year > 2105) throw new PayloadError(`${event}: year must be 1970..2105, got ${JSON.stringify(p.year)}`)
  if (p.half !== 1 && p.half !== 2) throw new PayloadError(`${event}: half must be 1 or 2, got ${JSON.stringify(p.half)}`)
  if (!(EVALUATION_STATES as readonly unknown[]).includes(p.state)) throw new PayloadError(`${event}: state must be one of ${EVALUATION_STATES.join('|')}, got ${JSON.stringify(p.state)}`)
  if (typeof p.was_submitted !== 'boolean') throw new PayloadError(`${event}: was_submitted must be a boolean`)
  const score = Number(p.final_score)
  if (typeof p.final_score !== 'number' || !Number.isFinite(score) || score < 0 || score > 100) throw new PayloadError(`${event}: final_score must be a number 0..100`)
  if (typeof p.closes_on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(p.closes_on)) throw new PayloadError(`${event}: closes_on must be YYYY-MM-DD`)
  return {
    evaluation_id: Number(p.evaluation_id),
    estate_id: Number(p.estate_id),
    estate_name: p.estate_name as string,
    district_id: Number(p.district_id),
    district_name: p.district_name as string,
    street_id: Number(p.street_id),
    street_name: p.street_name as string,
    community_id: Number(p.community_id),
    community_name: p.community_name as string,
    year,
    half: p.half,
    state: p.state as EstateEvaluation['state'],
    was_submitted: p.was_submitted,
    final_score: score,
    closes_on: p.closes_on,
  }
}

export const topics: TopicRegistry = Object.freeze({
  [ESTATE_FILING_STATE_TOPIC]: {
    table: ESTATE_FILING_FACTS_TABLE,
    toRows(event: OutboxEvent) {
      const state = parseEstateFilingState(event.payload, `outbox event ${event.id} (${event.topic})`)
      return [estateFilingFactRow(state, event.id, event.created_at)]
    },
  },
  [ESTATE_PROFILE_TOPIC]: {
    table: ESTATE_PROFILE_FACTS_TABLE,
    toRows(event: OutboxEvent) {
      const profile = parseEstateProfile(event.payload, `outbox event ${event.id} (${event.topic})`)
      return [estateProfileFactRow(profile, event.id, event.created_at)]
    },
  },
  [ESTATE_EVALUATION_TOPIC]: {
    table: ESTATE_EVALUATION_FACTS_TABLE,
    toRows(event: OutboxEvent) {
      const evaluation = parseEstateEvaluation(event.payload, `outbox event ${event.id} (${event.topic})`)
      return [estateEvaluationFactRow(evaluation, event.id, event.created_at)]
    },
  },
})
