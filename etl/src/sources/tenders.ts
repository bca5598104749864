/**
 * 招标投标管理 (module 21) at the grain of the review round (backend migration 0033, warehouse migration
 * 0025): one `tender_round_facts` row per filing round, on the filing's estate.
 *
 * The one SQL over tender_rounds used by the backend (outbox payloads, inside the writer's transaction:
 * every step of a filing re-publishes all its rounds, since `state` and `is_last` belong to the filing),
 * the rebuild (row path and bulk COPY), the reconciliation and the drain (found by slug).
 *
 * The working days come from the editable holiday calendar (`calendar_years`, `calendar_days`) in the same
 * SQL, with #services/working_days' rules: a weekday works unless it is a `holiday`, a weekend day rests
 * unless it is a `workday`, only published years count. Per round: the elapsed working days in (submitted,
 * decided] once decided (-1 while open or when a counted year is missing), the days it reaches working day
 * 6 and 10 (1970-01-02 when past the calendar) and `known_until` (the day before the first missing year
 * after the submission day); the cube buckets open rounds as of today from these (docs/tenders.md).
 */
import type { FactSource } from '../fact_sources.ts'
import { payloadObject, PayloadError, requireDate, requireId, requireOneOf as oneOf, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import { bulkVersionSelect, sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

export const TENDER_ROUND_FACTS_TABLE = 'tender_round_facts'
export const TENDER_ROUND_TOPIC = 'tender_round'

const KINDS = ['committee', 'developer'] as const
const METHODS = ['public', 'invited'] as const
const STATES = ['first_review', 'final_review', 'rejected', 'approved'] as const
const DECISIONS = ['', 'approved', 'rejected'] as const
/** the day a threshold lies past the calendar / a round is undecided (not day 0: ClickHouse 18.16 reads that back as 0000-00-00) */
export const NO_DAY = '1970-01-02'

/** One review round as the warehouse mirrors it. */
export type TenderRoundFact = {
  round_id: number
  tender_id: number
  estate_id: number
  round: number
  tenderer_kind: (typeof KINDS)[number]
  tender_method: (typeof METHODS)[number]
  state: (typeof STATES)[number]
  is_last: number
  /** YYYY-MM-DD (Shenzhen) */
  submitted_on: string
  /** '' while open */
  decision: (typeof DECISIONS)[number]
  /** YYYY-MM-DD, NO_DAY (1970-01-02) while open */
  decided_on: string
  /** elapsed working days of a decided round; -1 while open or when the calendar lacks a counted year */
  working_days: number
  overdue_from: string
  severe_from: string
  known_until: string
}

/** a working day of the calendar (alias `g.d` a timestamp of the series, `cd` its calendar_days row) */
const WORKING = `case when cd.kind = 'holiday' then false when cd.kind = 'workday' then true else extract(isodow from g.d) < 6 end`
const day = (expression: string) => `to_char(${expression}, 'YYYY-MM-DD')`

/** a round as its fact row names it (the warehouse's column order) */
const COLUMNS = `t.estate_id, r.id as round_id, r.tender_id, r.round, t.tenderer_kind, t.tender_method, t.state, (r.round = t.round)::int as is_last,
  ${day('k.sd')} as submitted_on, coalesce(r.decision, '') as decision, coalesce(${day('k.dd')}, '${NO_DAY}') as decided_on,
  case when k.dd is null or k.dd > ku.known_until then -1 else (select count(*)::int from generate_series(k.sd + 1, k.dd, interval '1 day') g(d)
    left join calendar_days cd on cd.date = g.d::date where ${WORKING}) end as working_days,
  coalesce(${day('th.overdue_from')}, '${NO_DAY}') as overdue_from, coalesce(${day('th.severe_from')}, '${NO_DAY}') as severe_from, ${day('ku.known_until')} as known_until`

const FROM = `from tender_rounds r
join tenders t on t.id = r.tender_id
cross join lateral (select (r.submitted_at at time zone 'Asia/Shanghai')::date as sd, (r.decided_at at time zone 'Asia/Shanghai')::date as dd) k
cross join lateral (select coalesce(min(make_date(y, 1, 1)) - 1, make_date(extract(year from k.sd + 1)::int + 10, 12, 31)) as known_until
  from generate_series(extract(year from k.sd + 1)::int, extract(year from k.sd + 1)::int + 10) y
  where not exists (select 1 from calendar_years cy where cy.year = y and cy.published)) ku
cross join lateral (select max(w.d) filter (where w.n = 6) as overdue_from, max(w.d) filter (where w.n = 10) as severe_from
  from (select g.d::date as d, row_number() over (order by g.d) as n from generate_series(k.sd + 1, least(k.sd + 60, ku.known_until), interval '1 day') g(d)
    left join calendar_days cd on cd.date = g.d::date where ${WORKING}) w) th`

/**
 * Every round's fact columns over tender_rounds / tenders (no WHERE yet: append one), for the bench's
 * PostgreSQL baseline (bench/lib/pg_stats.mjs), which buckets them as of a date as the cube does.
 */
export const TENDER_ROUND_SELECT = `select ${COLUMNS}\n${FROM}`

function roundSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('r.id', options)
  return [`select ${COLUMNS}`, FROM, ...(where ? [where] : []), 'order by r.id', ...(limit ? [limit] : [])].join('\n')
}

function normalize(row: Record<string, unknown>): TenderRoundFact {
  return {
    round_id: Number(row.round_id),
    tender_id: Number(row.tender_id),
    estate_id: Number(row.estate_id),
    round: Number(row.round),
    tenderer_kind: row.tenderer_kind as TenderRoundFact['tenderer_kind'],
    tender_method: row.tender_method as TenderRoundFact['tender_method'],
    state: row.state as TenderRoundFact['state'],
    is_last: Number(row.is_last),
    submitted_on: String(row.submitted_on),
    decision: String(row.decision ?? '') as TenderRoundFact['decision'],
    decided_on: String(row.decided_on),
    working_days: Number(row.working_days),
    overdue_from: String(row.overdue_from),
    severe_from: String(row.severe_from),
    known_until: String(row.known_until),
  }
}

const rounds = sourceReaders(TENDER_ROUND_TOPIC, roundSql, normalize)

/**
 * For the backend, INSIDE the transaction that changed the filings: takes the shared outbox-writer lock
 * and appends one `tender_round` event per round id (every round of each changed filing).
 */
export const writeTenderRoundOutbox = rounds.writeOutbox

/** the rows of given round ids, without an outbox event (tests) */
export const loadTenderRounds = rounds.load

export function tenderRoundFactRow(row: TenderRoundFact, at: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { ...row, changed_at: toUnixSeconds(changedAt), version: String(at) }
}

function requireInt(p: Record<string, unknown>, key: string, event: string, min: number, max: number): number {
  const value = Number(p[key])
  if (!Number.isInteger(value) || value < min || value > max) throw new PayloadError(`${event}: ${key} must be an integer in [${min}, ${max}], got ${JSON.stringify(p[key])}`)
  return value
}

export function parseTenderRound(payload: unknown, event = TENDER_ROUND_TOPIC): TenderRoundFact {
  const p = payloadObject(payload, event)
  return {
    round_id: requireId(p, 'round_id', event),
    tender_id: requireId(p, 'tender_id', event),
    estate_id: requireId(p, 'estate_id', event),
    round: requireInt(p, 'round', event, 1, 65_535),
    tenderer_kind: oneOf(p, 'tenderer_kind', KINDS, event),
    tender_method: oneOf(p, 'tender_method', METHODS, event),
    state: oneOf(p, 'state', STATES, event),
    is_last: requireInt(p, 'is_last', event, 0, 1),
    submitted_on: requireDate(p, 'submitted_on', event),
    decision: oneOf(p, 'decision', DECISIONS, event),
    decided_on: requireDate(p, 'decided_on', event),
    working_days: requireInt(p, 'working_days', event, -1, 100_000),
    overdue_from: requireDate(p, 'overdue_from', event),
    severe_from: requireDate(p, 'severe_from', event),
    known_until: requireDate(p, 'known_until', event),
  }
}

const COLUMN_NAMES = [
  'estate_id', 'round_id', 'tender_id', 'round', 'tenderer_kind', 'tender_method', 'state', 'is_last', 'submitted_on', 'decision', 'decided_on',
  'working_days', 'overdue_from', 'severe_from', 'known_until', 'changed_at', 'version',
]

const roundSource: FactSource<TenderRoundFact> = {
  table: TENDER_ROUND_FACTS_TABLE,
  topic: TENDER_ROUND_TOPIC,
  transformer: sourceRowTopic(TENDER_ROUND_FACTS_TABLE, parseTenderRound, tenderRoundFactRow),
  bulk: {
    columns: COLUMN_NAMES,
    select: (at, changedAt) => `select ${COLUMNS}, ${bulkVersionSelect(at, changedAt)}\n${FROM}`,
  },
  loadPage: rounds.loadPage,
  cursor: (row) => row.round_id,
  key: ['round_id'],
  countSql: 'select count(*) from tender_rounds',
  toFactRow: tenderRoundFactRow,
  fields: ['tender_id', 'round', 'tenderer_kind', 'tender_method', 'state', 'is_last', 'submitted_on', 'decision', 'decided_on', 'working_days', 'overdue_from', 'severe_from', 'known_until'],
}

export const factSources: readonly FactSource<any>[] = [roundSource]
