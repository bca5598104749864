/** Test fixtures: rows inserted into the (already migrated) PostgreSQL tables and deleted by id afterwards. */
import type { Pool } from 'pg'
import { createWarehouse, dropDatabase, migrate, warehouseConfigFromEnv } from '@szpm/warehouse'
import type { WarehouseConfig } from '@szpm/warehouse'
import { createPgPool, databaseUrlFromEnv, pgQueryFn, type QueryFn } from '../src/index.ts'

export function scratchWarehouseConfig(suffix: string): WarehouseConfig {
  const base = warehouseConfigFromEnv()
  return { url: base.url, database: `${base.database}_${suffix}` }
}

export const REQUIRED_TABLES = ['regions', 'estates', 'filings', 'outbox_events', 'etl_watermarks', 'estate_filing_states', 'evaluations', 'evaluation_periods', 'evaluation_templates']

/** Fails clearly when the backend migrations have not been run. */
export async function assertSourceSchema(pg: Pool): Promise<void> {
  const { rows } = await pg.query<{ name: string }>('select table_name as name from information_schema.tables where table_schema = current_schema() and table_name = any($1)', [REQUIRED_TABLES])
  const missing = REQUIRED_TABLES.filter((table) => !rows.some((row) => row.name === table))
  if (missing.length > 0) throw new Error(`PostgreSQL tables/views missing (run the backend migrations first): ${missing.join(', ')}`)
}

export class Fixtures {
  readonly pg: Pool
  readonly tag: string
  readonly regionIds: number[] = []
  readonly estateIds: number[] = []
  readonly filingIds: number[] = []
  readonly evaluationIds: number[] = []
  readonly houseIds: number[] = []
  readonly ownerIds: number[] = []
  readonly templateIds: number[] = []
  readonly userIds: number[] = []
  readonly noticeIds: number[] = []
  /** evaluation periods this run inserted (a period that already existed is left alone) */
  readonly periods: Array<{ year: number; half: number }> = []
  readonly outboxIds: string[] = []
  readonly watermarkNames: string[] = []

  constructor(pg: Pool) {
    this.pg = pg
    this.tag = `t${process.pid}_${Date.now().toString(36)}`
  }

  async region(level: 'district' | 'street' | 'community', name: string, parent: { id: number; district_id: number | null; street_id: number | null } | null) {
    const district_id = level === 'street' ? parent?.id ?? null : level === 'community' ? parent?.district_id ?? null : null
    const street_id = level === 'community' ? parent?.id ?? null : null
    const { rows } = await this.pg.query<{ id: number }>(
      'insert into regions (parent_id, level, name, district_id, street_id) values ($1, $2, $3, $4, $5) returning id',
      [parent?.id ?? null, level, `${name}`, district_id, street_id],
    )
    this.regionIds.push(rows[0].id)
    return { id: rows[0].id, district_id, street_id, name }
  }

  async estate(community: { id: number; district_id: number | null; street_id: number | null }, name: string): Promise<number> {
    const { rows } = await this.pg.query<{ id: number }>(
      `insert into estates (community_id, street_id, district_id, name, address, estate_type, created_at, updated_at)
       values ($1, $2, $3, $4, $5, 'residential', now(), now()) returning id`,
      [community.id, community.street_id, community.district_id, name, `${name} address`],
    )
    this.estateIds.push(rows[0].id)
    return rows[0].id
  }

  async filing(estateId: number, kind: 'contract' | 'assembly', status: 'filed' | 'expired' | 'withdrawn', filedOn: string, expiresOn: string | null = null): Promise<number> {
    const { rows } = await this.pg.query<{ id: number }>(
      `insert into filings (estate_id, kind, status, document_no, filed_on, expires_on, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, now(), now()) returning id`,
      [estateId, kind, status, `${this.tag}-${kind}-${filedOn}`, filedOn, expiresOn],
    )
    this.filingIds.push(rows[0].id)
    return rows[0].id
  }

  async owner(name: string): Promise<number> {
    const { rows } = await this.pg.query<{ id: string }>(
      `insert into owners (name, phone, id_number) values ($1, '13900000000', '440300199001010000') returning id::text as id`,
      [name],
    )
    this.ownerIds.push(Number(rows[0].id))
    return Number(rows[0].id)
  }

  /** A house of the register (building 1, unit 1, the given number). */
  async house(estateId: number, number: string, area: number, use = '住宅', ownerId: number | null = null): Promise<number> {
    const { rows } = await this.pg.query<{ id: string }>(
      `insert into houses (estate_id, building, unit, number, building_area, house_use, owner_id) values ($1, '1', '1', $2, $3, $4, $5) returning id::text as id`,
      [estateId, number, area, use, ownerId],
    )
    this.houseIds.push(Number(rows[0].id))
    return Number(rows[0].id)
  }

  /** A (draft) evaluation template for this run's evaluations. */
  async evaluationTemplate(): Promise<number> {
    const { rows } = await this.pg.query<{ id: number }>(
      `insert into evaluation_templates (name, status, items, version, created_at, updated_at)
       values ($1, 'draft', '[]'::jsonb, 1, now(), now()) returning id`,
      [`${this.tag} 模板`],
    )
    this.templateIds.push(rows[0].id)
    return rows[0].id
  }

  /** Ensures the half-year period exists (6/1–6/30 or 12/1–12/30). */
  async evaluationPeriod(year: number, half: 1 | 2, templateId: number): Promise<void> {
    const [opens, closes] = half === 1 ? ['06-01', '06-30'] : ['12-01', '12-30']
    const { rowCount } = await this.pg.query(
      `insert into evaluation_periods (year, half, opens_on, closes_on, template_id, opened_at)
       values ($1, $2, $3, $4, $5, now()) on conflict do nothing`,
      [year, half, `${year}-${opens}`, `${year}-${closes}`, templateId],
    )
    if (rowCount) this.periods.push({ year, half })
  }

  async evaluation(
    estateId: number,
    period: { year: number; half: 1 | 2 },
    templateId: number,
    state: 'pending' | 'submitted' | 'reviewed' | 'auto_scored',
    scores: { submitted?: number; final?: number } = {},
  ): Promise<number> {
    const { rows } = await this.pg.query<{ id: number }>(
      `insert into evaluations (estate_id, year, half, template_id, state, submitted_score, submitted_at, final_score, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, case when $6::numeric is null then null else now() end, $7, now(), now()) returning id`,
      [estateId, period.year, period.half, templateId, state, scores.submitted ?? null, scores.final ?? null],
    )
    this.evaluationIds.push(rows[0].id)
    return rows[0].id
  }

  /** An account (a notice's publisher or recipient). */
  async user(name: string, role: string, regionId: number): Promise<number> {
    const { rows } = await this.pg.query<{ id: number }>(
      `insert into users (name, phone, password, role, region_id, created_at, updated_at) values ($1, $2, 'x', $3, $4, now(), now()) returning id`,
      [name, `1${String(process.pid % 1000).padStart(3, '0')}${String(Date.now() % 10000).padStart(4, '0')}${String(this.userIds.length).padStart(3, '0')}`, role, regionId],
    )
    this.userIds.push(rows[0].id)
    return rows[0].id
  }

  /** A published notice (通知发布) with its estates and one receipt per [estate, user, relation, read?]; returns its id and receipt ids. */
  async notice(streetId: number, publisherId: number, receipts: Array<[estateId: number, userId: number, relation: 'project_manager' | 'committee_director', read?: boolean]>) {
    const { rows } = await this.pg.query<{ id: number }>(
      `insert into notices (street_id, title, body_html, audience, estate_scope, published_by, published_at, recipient_count, estate_count)
       values ($1, $2, '<p>测试</p>', 'both', 'chosen', $3, now(), $4, $5) returning id`,
      [streetId, `${this.tag} 通知`, publisherId, new Set(receipts.map((r) => r[1])).size, new Set(receipts.map((r) => r[0])).size],
    )
    const id = rows[0].id
    this.noticeIds.push(id)
    for (const estateId of new Set(receipts.map((r) => r[0]))) await this.pg.query('insert into notice_estates (notice_id, estate_id) values ($1, $2)', [id, estateId])
    const receiptIds: number[] = []
    for (const [estateId, userId, relation, read] of receipts) {
      const inserted = await this.pg.query<{ id: string }>(
        'insert into notice_receipts (notice_id, estate_id, user_id, relation, read_at) values ($1, $2, $3, $4, $5) returning id::text as id',
        [id, estateId, userId, relation, read ? new Date() : null],
      )
      receiptIds.push(Number(inserted.rows[0].id))
    }
    return { id, receiptIds }
  }

  /** Records outbox ids written after `afterId` for these estates so cleanup can delete them. */
  /**
   * Writes outbox rows as the backend does — in one transaction (rolled back when `write` throws) —
   * and tracks them for cleanup.
   */
  async writeOutbox<T>(write: (query: QueryFn) => Promise<T>): Promise<T> {
    const client = await this.pg.connect()
    try {
      await client.query('begin')
      const result = await write(pgQueryFn(client))
      await client.query('commit')
      return result
    } catch (error) {
      await client.query('rollback')
      throw error
    } finally {
      client.release()
      await this.trackOutbox()
    }
  }

  async trackOutbox(): Promise<void> {
    const { rows } = await this.pg.query<{ id: string }>('select id::text as id from outbox_events where entity_id = any($1::bigint[])', [this.estateIds])
    for (const row of rows) if (!this.outboxIds.includes(row.id)) this.outboxIds.push(row.id)
  }

  async maxOutboxId(): Promise<string> {
    const { rows } = await this.pg.query<{ id: string }>('select coalesce(max(id), 0)::text as id from outbox_events')
    return rows[0].id
  }

  watermark(name: string): string {
    const full = `${name}_${this.tag}`
    this.watermarkNames.push(full)
    return full
  }

  async cleanup(): Promise<void> {
    await this.trackOutbox()
    await this.pg.query('delete from outbox_events where id = any($1::bigint[])', [this.outboxIds])
    await this.pg.query('delete from filings where id = any($1::int[])', [this.filingIds])
    await this.pg.query('delete from evaluations where id = any($1::int[])', [this.evaluationIds])
    for (const { year, half } of this.periods) await this.pg.query('delete from evaluation_periods where year = $1 and half = $2', [year, half])
    await this.pg.query('delete from evaluation_templates where id = any($1::int[])', [this.templateIds])
    await this.pg.query('delete from houses where id = any($1::bigint[]) or estate_id = any($2::int[])', [this.houseIds, this.estateIds])
    await this.pg.query('delete from owners where id = any($1::bigint[])', [this.ownerIds])
    await this.pg.query('delete from notices where id = any($1::int[])', [this.noticeIds])
    await this.pg.query('delete from users where id = any($1::int[])', [this.userIds])
    await this.pg.query('delete from estates where id = any($1::int[])', [this.estateIds])
    // children before parents
    for (const id of [...this.regionIds].reverse()) await this.pg.query('delete from regions where id = $1', [id])
    await this.pg.query('delete from etl_watermarks where name = any($1::text[])', [this.watermarkNames])
  }
}

/**
 * What an integration group needs: a PostgreSQL pool on the migrated source schema, a fresh scratch
 * ClickHouse database, and fixtures; `close()` removes all three.
 */
/** openTestEnvironment, then `seed` the fixtures; closes everything again when seeding fails. */
export async function openSeededTestEnvironment(suffix: string, seed: (env: TestEnvironment) => Promise<void>): Promise<TestEnvironment> {
  const env = await openTestEnvironment(suffix)
  try {
    await seed(env)
  } catch (error) {
    await env.close()
    throw error
  }
  return env
}

export type TestEnvironment = Awaited<ReturnType<typeof openTestEnvironment>>

export async function openTestEnvironment(suffix: string) {
  const chConfig = scratchWarehouseConfig(suffix)
  const pg = createPgPool(databaseUrlFromEnv())
  await assertSourceSchema(pg)
  await dropDatabase(chConfig)
  await migrate(chConfig)
  const warehouse = createWarehouse(chConfig)
  const fx = new Fixtures(pg)
  return {
    chConfig,
    pg,
    warehouse,
    fx,
    async close() {
      await fx.cleanup()
      await warehouse.close()
      await dropDatabase(chConfig)
      await pg.end()
    },
  }
}
