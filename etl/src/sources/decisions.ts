/**
 * 业主决策情况 (module 8), fed by 电子投票 (module 17, backend migration 0029): two fact sources —
 *
 *   - `ballot_facts` (warehouse migration 0023): one row per standing ballot — a topic × a house, the
 *     house's latest ballot — with the estate's place, the meeting, the house's building, area (0.01 m²)
 *     and owner key (who it counts as in the owner count, as the tally's ownerKeyOf), the choice, the
 *     channel and the day it was cast; collapsing (a changed ballot replaces the house's row), with the
 *     per-estate rollup `decision_estate_totals` (0024);
 *   - `voting_topic_facts` (0024): one row per topic with its meeting's kind and state, its art. 278
 *     item, its denominators (total area and owners: the stored tally's once closed, else the
 *     register's) and whether it passed.
 *
 * Each is the one SQL over PostgreSQL used by the backend (outbox payloads, inside the writer's
 * transaction: BallotService after a ballot, MeetingService after a meeting's change), the rebuild
 * (bulk COPY), the reconciliation and the drain (found by slug).
 */
import type { EstatePlace } from '@szpm/warehouse'
import type { BulkSource, FactSource, Rollup } from '../fact_sources.ts'
import type { QueryFn } from '../pg.ts'
import { appendOutboxEvents } from '../outbox.ts'
import { PayloadError, payloadObject, requireId, requireOneOf, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import { bulkVersionSelect, ESTATE_PLACE_BULK_SELECT, ESTATE_PLACE_COLUMNS, ESTATE_PLACE_FACT_COLUMNS, ESTATE_PLACE_JOINS, normalizeEstatePlace, type ParamStyle } from './source_rows.ts'

export const BALLOT_TOPIC = 'voting_ballot'
export const BALLOT_FACTS_TABLE = 'ballot_facts'
export const DECISION_ESTATE_TOTALS_TABLE = 'decision_estate_totals'
export const VOTING_TOPIC_TOPIC = 'voting_topic'
export const VOTING_TOPIC_FACTS_TABLE = 'voting_topic_facts'

const CHOICES = ['agree', 'oppose', 'abstain'] as const
const CHANNELS = ['h5', 'paper'] as const
const KINDS = ['owners_assembly', 'committee'] as const
const STATUSES = ['draft', 'published', 'closed'] as const

/** One standing ballot as the warehouse mirrors it. */
export type BallotRecord = EstatePlace & {
  meeting_id: number
  topic_id: number
  house_id: number
  building: string
  /** the house's exclusive area in 0.01 m² */
  area_centi: number
  /** 'developer' | 'owners:<sorted ids>' | 'house:<id>' (the tally's ownerKeyOf) */
  owner_key: string
  choice: (typeof CHOICES)[number]
  channel: (typeof CHANNELS)[number]
  /** YYYY-MM-DD (Asia/Shanghai) */
  cast_on: string
  ballot_id: number
}

/** One topic with its meeting as the warehouse mirrors it. */
export type VotingTopicRecord = {
  estate_id: number
  topic_id: number
  meeting_id: number
  meeting_kind: (typeof KINDS)[number]
  meeting_status: (typeof STATUSES)[number]
  art278_item: number
  /** YYYY-MM-DD (Asia/Shanghai) */
  opens_on: string
  closes_on: string
  total_area_centi: number
  total_owners: number
  is_passed: number
}

/**
 * Who a house counts as in the owner count (interpretation art. 9, app/modules/voting/tally.ts
 * ownerKeyOf): the developer's houses are one owner, the same set of registered owners is one owner
 * (ids sorted as text, as the tally sorts them), a house with nobody registered is its own. Alias h.
 */
export const OWNER_KEY_SQL = `case when h.developer_held then 'developer' else coalesce((select 'owners:' || string_agg(x.o, ',' order by x.o collate "C")
  from (select h.owner_id::text as o where h.owner_id is not null union select c.owner_id::text from house_co_owners c where c.house_id = h.id) x),
  'house:' || h.id::text) end`

const CAST_ON = "to_char(b.cast_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')"
const BALLOT_FROM = `from voting_standing_ballots sb
join voting_ballots b on b.id = sb.ballot_id
join voting_topics t on t.id = sb.topic_id
join voting_meetings m on m.id = t.meeting_id
join houses h on h.id = sb.house_id
join estates e on e.id = m.estate_id
${ESTATE_PLACE_JOINS}`
const BALLOT_COLUMNS = `m.id as meeting_id, sb.topic_id, sb.house_id, h.building, (h.building_area * 100)::bigint as area_centi, ${OWNER_KEY_SQL} as owner_key,
  sb.choice, b.channel, ${CAST_ON} as cast_on, sb.ballot_id`

function param(style: ParamStyle | undefined) {
  let n = 0
  return () => (style === 'knex' ? '?' : `$${++n}`)
}

/**
 * The standing ballot rows. `by`: 'houses' (topic ids and house ids, pairwise), 'estates' (every
 * standing ballot of the estates' meetings: a moved or renamed estate), 'page' (keyset by ballot id).
 */
export function ballotSql(by: 'houses' | 'estates' | 'page', paramStyle: ParamStyle = 'pg'): string {
  const p = param(paramStyle)
  // the ballot path (a few pairs per request) and an estate's writers: the standing ballots first (by the
  // primary key, or the estates' meetings and topics), then the joins from those rows. As a filter at the
  // end they came last — the join list (ten relations) is past the planner's join_collapse_limit, so it
  // kept the written order and hashed every standing ballot (4 s per ballot over 1M standing ballots)
  const first = {
    houses: () => `select s.* from unnest(${p()}::int[], ${p()}::bigint[]) as k(topic_id, house_id)
  join voting_standing_ballots s on s.topic_id = k.topic_id and s.house_id = k.house_id`,
    estates: () => `select s.* from voting_meetings m0 join voting_topics t0 on t0.meeting_id = m0.id
  join voting_standing_ballots s on s.topic_id = t0.id
  where m0.estate_id = any(${p()}::int[])`,
  } as const
  if (by !== 'page') {
    return `with sb as materialized (
  ${first[by]()}
)
select ${ESTATE_PLACE_COLUMNS},
  ${BALLOT_COLUMNS}
${BALLOT_FROM.replace('from voting_standing_ballots sb', 'from sb')}
order by sb.ballot_id`
  }
  return `select ${ESTATE_PLACE_COLUMNS},
  ${BALLOT_COLUMNS}
${BALLOT_FROM}
where sb.ballot_id > ${p()}
order by sb.ballot_id
limit ${p()}`
}

export function normalizeBallot(row: Record<string, unknown>): BallotRecord {
  return {
    ...normalizeEstatePlace(row),
    meeting_id: Number(row.meeting_id),
    topic_id: Number(row.topic_id),
    house_id: Number(row.house_id),
    building: String(row.building),
    area_centi: Number(row.area_centi),
    owner_key: String(row.owner_key),
    choice: row.choice as BallotRecord['choice'],
    channel: row.channel as BallotRecord['channel'],
    cast_on: String(row.cast_on),
    ballot_id: Number(row.ballot_id),
  }
}

function idsLiteral(ids: readonly number[], what: string): string {
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`invalid ${what} ${String(id)}`)
  }
  return `{${ids.join(',')}}`
}

export async function loadBallotPage(queryFn: QueryFn, afterId: number, limit: number): Promise<BallotRecord[]> {
  return (await queryFn<Record<string, unknown>>(ballotSql('page'), [afterId, limit])).map(normalizeBallot)
}

/**
 * For the ballot service, INSIDE the transaction that cast the ballots (after the standing ballot was
 * written): takes the shared outbox-writer lock and appends one `voting_ballot` event per (topic,
 * house), its payload the house's standing ballot row. Lucid: `writeBallotOutbox(knexQuery(trx), [{ topicId, houseId }], { paramStyle: 'knex' })`
 */
export async function writeBallotOutbox(queryFn: QueryFn, ballots: readonly { topicId: number; houseId: number }[], options: { paramStyle?: ParamStyle } = {}): Promise<BallotRecord[]> {
  if (ballots.length === 0) return []
  const topics = idsLiteral(ballots.map((b) => b.topicId), 'topic id')
  const houses = idsLiteral(ballots.map((b) => b.houseId), 'house id')
  return appendOutboxEvents(queryFn, BALLOT_TOPIC, async () => (await queryFn<Record<string, unknown>>(ballotSql('houses', options.paramStyle), [topics, houses])).map(normalizeBallot), options)
}

/** For writers that change a whole estate (moved, renamed): one event per standing ballot of its meetings. */
export async function writeEstateBallotsOutbox(queryFn: QueryFn, estateIds: readonly number[], options: { paramStyle?: ParamStyle } = {}): Promise<BallotRecord[]> {
  if (estateIds.length === 0) return []
  return appendOutboxEvents(queryFn, BALLOT_TOPIC, async () => (await queryFn<Record<string, unknown>>(ballotSql('estates', options.paramStyle), [idsLiteral(estateIds, 'estate id')])).map(normalizeBallot), options)
}

/** Ballot row + version/changed_at → a live ballot_facts row (sign 1). */
export function ballotFactRow(row: BallotRecord, version: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return {
    ...normalizeEstatePlace(row),
    meeting_id: row.meeting_id,
    topic_id: row.topic_id,
    house_id: row.house_id,
    building: row.building,
    area_centi: row.area_centi,
    owner_key: row.owner_key,
    choice: row.choice,
    channel: row.channel,
    cast_on: row.cast_on,
    ballot_id: row.ballot_id,
    changed_at: toUnixSeconds(changedAt),
    version: String(version),
    sign: 1,
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Validates a `voting_ballot` payload (the standing ballot row written by the backend). */
export function parseBallot(payload: unknown, event = BALLOT_TOPIC): BallotRecord {
  const p = payloadObject(payload, event)
  for (const key of ['estate_id', 'district_id', 'street_id', 'community_id']) requireId(p, key, event)
  for (const key of ['meeting_id', 'topic_id', 'house_id', 'ballot_id']) {
    if (!Number.isSafeInteger(Number(p[key])) || Number(p[key]) <= 0 || p[key] === null) throw new PayloadError(`${event}: ${key} must be a positive id, got ${JSON.stringify(p[key])}`)
  }
  for (const key of ['estate_name', 'district_name', 'street_name', 'community_name', 'building']) {
    if (typeof p[key] !== 'string') throw new PayloadError(`${event}: ${key} must be a string`)
  }
  const area = Number(p.area_centi)
  if (!Number.isSafeInteger(area) || area <= 0) throw new PayloadError(`${event}: area_centi must be a positive integer, got ${JSON.stringify(p.area_centi)}`)
  if (typeof p.owner_key !== 'string' || !/^(developer|owners:\d+(,\d+)*|house:\d+)$/.test(p.owner_key)) throw new PayloadError(`${event}: owner_key is malformed, got ${JSON.stringify(p.owner_key)}`)
  requireOneOf(p, 'choice', CHOICES, event)
  requireOneOf(p, 'channel', CHANNELS, event)
  if (typeof p.cast_on !== 'string' || !DAY.test(p.cast_on)) throw new PayloadError(`${event}: cast_on must be YYYY-MM-DD, got ${JSON.stringify(p.cast_on)}`)
  return normalizeBallot(p)
}

const BALLOT_FACT_COLUMNS = [...ESTATE_PLACE_FACT_COLUMNS, 'meeting_id', 'topic_id', 'house_id', 'building', 'area_centi', 'owner_key', 'choice', 'channel', 'cast_on', 'ballot_id', 'changed_at', 'version', 'sign'] as const

/** The rebuild's COPY: every standing ballot in the fact table's column order (sign 1). */
const ballotBulk: BulkSource = {
  columns: BALLOT_FACT_COLUMNS,
  select(version, changedAt) {
    return `select ${ESTATE_PLACE_BULK_SELECT},
  ${BALLOT_COLUMNS},
  ${bulkVersionSelect(version, changedAt)}, 1 as sign
${BALLOT_FROM}`
  },
}

/**
 * Per estate from the facts' live rows: standing ballots, their area, and the participating owners
 * summed over the estate's topics (per topic the distinct owner keys — the tally's participating
 * owners). Every given estate gets a row (0 when nothing is left).
 */
export const decisionEstateTotals: Rollup = {
  table: DECISION_ESTATE_TOTALS_TABLE,
  select(factsTable, version, estateIds) {
    if (!/^\d+$/.test(version)) throw new TypeError(`invalid version ${version}`)
    if (!/^[a-z_][a-z0-9_]*$/.test(factsTable)) throw new TypeError(`invalid table ${factsTable}`)
    const totals = (where: string) => `SELECT estate_id, toInt64(sum(n)) AS ballots, toInt64(sum(area)) AS voted_area_centi, toInt64(sum(owners)) AS voted_owners
FROM (SELECT estate_id, topic_id, count() AS n, sum(area_centi) AS area, uniqExact(owner_key) AS owners
  FROM (SELECT estate_id, topic_id, house_id, area_centi, owner_key FROM ${factsTable}${where} GROUP BY estate_id, topic_id, house_id, area_centi, owner_key HAVING sum(sign) > 0)
  GROUP BY estate_id, topic_id)
GROUP BY estate_id`
    const columns = `estate_id, ballots, voted_area_centi, voted_owners, ${version} AS version`
    if (!estateIds) return `SELECT ${columns} FROM (${totals('')})`
    for (const id of estateIds) if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`invalid estate id ${id}`)
    return `SELECT ${columns}
FROM (SELECT arrayJoin([${estateIds.map((id) => `toUInt32(${id})`).join(', ')}]) AS estate_id)
ANY LEFT JOIN (${totals(` WHERE estate_id IN (${estateIds.join(', ')})`)}) USING estate_id`
  },
}

export const ballotFactSource: FactSource<BallotRecord> = {
  table: BALLOT_FACTS_TABLE,
  topic: BALLOT_TOPIC,
  transformer: sourceRowTopic(BALLOT_FACTS_TABLE, parseBallot, ballotFactRow),
  bulk: ballotBulk,
  collapsing: { identity: ['estate_id', 'topic_id', 'house_id'] },
  rollups: [decisionEstateTotals],
  loadPage: loadBallotPage,
  cursor: (row) => row.ballot_id,
  key: ['ballot_id'],
  countSql: 'select count(*) from voting_standing_ballots',
  toFactRow: ballotFactRow,
  fields: ['estate_id', 'district_id', 'district_name', 'street_id', 'street_name', 'community_id', 'community_name', 'estate_name', 'meeting_id', 'topic_id', 'house_id', 'building', 'area_centi', 'owner_key', 'choice', 'channel', 'cast_on'],
}

// ---- topics -------------------------------------------------------------------------------------

const ON_DAY = (column: string) => `to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`
const TOPIC_FROM = `from voting_topics t
join voting_meetings m on m.id = t.meeting_id
left join lateral (select sum((h.building_area * 100)::bigint) as area, count(distinct ${OWNER_KEY_SQL}) as owners
  from houses h where h.estate_id = m.estate_id and m.status <> 'closed') reg on true`
const TOPIC_COLUMNS = `m.estate_id, t.id as topic_id, m.id as meeting_id, m.kind as meeting_kind, m.status as meeting_status, t.art278_item,
  ${ON_DAY('m.opens_at')} as opens_on, ${ON_DAY('m.closes_at')} as closes_on,
  (case when m.status = 'closed' then (t.result->'total'->>'areaCenti')::bigint else coalesce(reg.area, 0) end) as total_area_centi,
  (case when m.status = 'closed' then (t.result->'total'->>'owners')::int else coalesce(reg.owners, 0) end) as total_owners,
  coalesce(t.passed, false)::int as is_passed`

/** The topic rows. `by`: 'meetings' (every topic of the meetings), 'estates' (of their meetings), 'page' (keyset by topic id). */
export function votingTopicSql(by: 'meetings' | 'estates' | 'page', paramStyle: ParamStyle = 'pg'): string {
  const p = param(paramStyle)
  const where = by === 'meetings' ? `where m.id = any(${p()}::int[])` : by === 'estates' ? `where m.estate_id = any(${p()}::int[])` : `where t.id > ${p()}`
  return `select ${TOPIC_COLUMNS}
${TOPIC_FROM}
${where}
order by t.id${by === 'page' ? `\nlimit ${p()}` : ''}`
}

export function normalizeVotingTopic(row: Record<string, unknown>): VotingTopicRecord {
  return {
    estate_id: Number(row.estate_id),
    topic_id: Number(row.topic_id),
    meeting_id: Number(row.meeting_id),
    meeting_kind: row.meeting_kind as VotingTopicRecord['meeting_kind'],
    meeting_status: row.meeting_status as VotingTopicRecord['meeting_status'],
    art278_item: Number(row.art278_item),
    opens_on: String(row.opens_on),
    closes_on: String(row.closes_on),
    total_area_centi: Number(row.total_area_centi),
    total_owners: Number(row.total_owners),
    is_passed: Number(row.is_passed) ? 1 : 0,
  }
}

export async function loadVotingTopicPage(queryFn: QueryFn, afterId: number, limit: number): Promise<VotingTopicRecord[]> {
  return (await queryFn<Record<string, unknown>>(votingTopicSql('page'), [afterId, limit])).map(normalizeVotingTopic)
}

/**
 * For the meeting service, INSIDE the transaction that created, published or closed meetings: one
 * `voting_topic` event per topic of the meetings. Lucid: `writeMeetingTopicsOutbox(knexQuery(trx), [id], { paramStyle: 'knex' })`
 */
export async function writeMeetingTopicsOutbox(queryFn: QueryFn, meetingIds: readonly number[], options: { paramStyle?: ParamStyle } = {}): Promise<VotingTopicRecord[]> {
  if (meetingIds.length === 0) return []
  return appendOutboxEvents(queryFn, VOTING_TOPIC_TOPIC, async () => (await queryFn<Record<string, unknown>>(votingTopicSql('meetings', options.paramStyle), [idsLiteral(meetingIds, 'meeting id')])).map(normalizeVotingTopic), options)
}

/**
 * For writers of the house register (houses added, changed, deleted or re-owned), INSIDE their
 * transaction: a ballot's owner key and an open meeting's totals are the register's, so every standing
 * ballot and every topic of the estates' meetings is published again.
 */
export async function writeEstateVotingOutbox(queryFn: QueryFn, estateIds: readonly number[], options: { paramStyle?: ParamStyle } = {}): Promise<void> {
  if (estateIds.length === 0) return
  await writeEstateBallotsOutbox(queryFn, estateIds, options)
  await appendOutboxEvents(queryFn, VOTING_TOPIC_TOPIC, async () => (await queryFn<Record<string, unknown>>(votingTopicSql('estates', options.paramStyle), [idsLiteral(estateIds, 'estate id')])).map(normalizeVotingTopic), options)
}

export function votingTopicFactRow(row: VotingTopicRecord, version: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { ...row, changed_at: toUnixSeconds(changedAt), version: String(version) }
}

/** Validates a `voting_topic` payload. */
export function parseVotingTopic(payload: unknown, event = VOTING_TOPIC_TOPIC): VotingTopicRecord {
  const p = payloadObject(payload, event)
  for (const key of ['estate_id', 'topic_id', 'meeting_id']) {
    if (requireId(p, key, event) === 0) throw new PayloadError(`${event}: ${key} must be a positive id`)
  }
  requireOneOf(p, 'meeting_kind', KINDS, event)
  requireOneOf(p, 'meeting_status', STATUSES, event)
  const item = Number(p.art278_item)
  if (!Number.isInteger(item) || item < 1 || item > 9) throw new PayloadError(`${event}: art278_item must be 1..9, got ${JSON.stringify(p.art278_item)}`)
  for (const key of ['opens_on', 'closes_on']) {
    if (typeof p[key] !== 'string' || !DAY.test(p[key] as string)) throw new PayloadError(`${event}: ${key} must be YYYY-MM-DD`)
  }
  for (const key of ['total_area_centi', 'total_owners']) {
    if (!Number.isSafeInteger(Number(p[key])) || Number(p[key]) < 0) throw new PayloadError(`${event}: ${key} must be a non-negative integer`)
  }
  if (p.is_passed !== 0 && p.is_passed !== 1) throw new PayloadError(`${event}: is_passed must be 0 or 1`)
  return normalizeVotingTopic(p)
}

const votingTopicSource: FactSource<VotingTopicRecord> = {
  table: VOTING_TOPIC_FACTS_TABLE,
  topic: VOTING_TOPIC_TOPIC,
  transformer: sourceRowTopic(VOTING_TOPIC_FACTS_TABLE, parseVotingTopic, votingTopicFactRow),
  bulk: {
    columns: ['estate_id', 'topic_id', 'meeting_id', 'meeting_kind', 'meeting_status', 'art278_item', 'opens_on', 'closes_on', 'total_area_centi', 'total_owners', 'is_passed', 'changed_at', 'version'],
    select: (version, changedAt) => `select ${TOPIC_COLUMNS}, ${bulkVersionSelect(version, changedAt)}\n${TOPIC_FROM}`,
  },
  loadPage: loadVotingTopicPage,
  cursor: (row) => row.topic_id,
  key: ['topic_id'],
  countSql: 'select count(*) from voting_topics',
  toFactRow: votingTopicFactRow,
  fields: ['meeting_id', 'meeting_kind', 'meeting_status', 'art278_item', 'opens_on', 'closes_on', 'total_area_centi', 'total_owners', 'is_passed'],
}

export const factSources: readonly FactSource<any>[] = [ballotFactSource, votingTopicSource]
