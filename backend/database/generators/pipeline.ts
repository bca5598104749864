import type { ClientBase } from 'pg'
import clock from '#services/clock'
import { copyRows } from './copy.ts'
import { createPeople } from './names.ts'
import { silentProgress } from './progress.ts'
import type { ProgressReporter } from './progress.ts'
import { createRandom, deriveSeed } from './random.ts'
import type { DataGenerator, GeneratedState, GeneratorContext, RowCounts, Scale } from './types.ts'

export interface RunOptions {
  /** A dedicated connection (not in a transaction): the run opens and closes its own. */
  client: ClientBase
  scale: Scale
  seed: number
  /** Truncate every generator's tables (and the outbox/watermarks) first, in the same transaction. */
  fresh?: boolean
  progress?: ProgressReporter
  log?: (line: string) => void
  /** The generator's clock: every date and time it writes is at or before this (default: the platform clock's now). */
  now?: Date
}

export interface StepTiming {
  name: string
  ms: number
  rows: RowCounts
}

export type RunResult =
  | { skipped: true; reason: string }
  | { skipped: false; steps: StepTiming[]; ms: number; rows: RowCounts }

/** Always emptied by --fresh: derived from the data the generators write. */
const DERIVED_TABLES = ['outbox_events', 'etl_watermarks']
/** Any row here means "a city is already loaded". */
const PRESENCE_TABLES = ['regions', 'estates', 'users']

const IDENT = /^[a-z_][a-z0-9_]*$/
function ident(name: string) {
  if (!IDENT.test(name)) throw new Error(`unsafe identifier ${name}`)
  return name
}

/**
 * Runs the generators in order inside ONE transaction on `client`: BEGIN, (TRUNCATE … RESTART
 * IDENTITY CASCADE with --fresh), every generator, COMMIT. Any error rolls the whole run back, so a
 * failure never leaves a half-written city. Without `fresh` and with data present it does nothing.
 */
export async function runGenerators(generators: readonly DataGenerator[], options: RunOptions): Promise<RunResult> {
  const { client, scale, seed } = options
  const log = options.log ?? (() => {})
  const progress = options.progress ?? silentProgress
  const started = performance.now()
  const state: GeneratedState = { regionIds: new Map(), districts: [], streets: [], communities: [], estates: [] }
  // the platform clock (SZPM_CLOCK in a demo), so the data agrees with what the app will read as "now"
  const now = options.now ?? clock.now().toJSDate()

  await client.query('BEGIN')
  try {
    if (options.fresh) {
      const tables = [...new Set([...generators.flatMap((generator) => generator.tables), ...DERIVED_TABLES])]
      log(`truncating ${tables.join(', ')}`)
      await client.query(`TRUNCATE ${tables.map(ident).join(', ')} RESTART IDENTITY CASCADE`)
    } else {
      for (const table of PRESENCE_TABLES) {
        const { rows } = await client.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${ident(table)}`)
        if (Number(rows[0].count) > 0) {
          await client.query('ROLLBACK')
          return { skipped: true, reason: `data already present (${rows[0].count} rows in ${table})` }
        }
      }
    }

    const steps: StepTiming[] = []
    for (const generator of generators) {
      const ctx: GeneratorContext = {
        client,
        seed,
        scale,
        random: (label = '') => createRandom(deriveSeed(seed, generator.name, label)),
        people: (label = '') => createPeople(deriveSeed(seed, generator.name, 'people', label)),
        state,
        progress,
        log,
        now,
        copy: (table, columns, rows) => copyRows(client, table, columns, rows),
        firstId: async (table) => {
          const { rows } = await client.query<{ id: string }>(`SELECT (COALESCE(max(id), 0) + 1)::text AS id FROM ${ident(table)}`)
          return Number(rows[0].id)
        },
        syncSequence: async (table) => {
          await client.query(
            `SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE((SELECT max(id) FROM ${ident(table)}), 1), (SELECT max(id) FROM ${ident(table)}) IS NOT NULL)`,
            [table]
          )
        },
      }
      const stepStarted = performance.now()
      log(`${generator.name}: ${generator.description}`)
      const rows = await generator.run(ctx)
      steps.push({ name: generator.name, ms: performance.now() - stepStarted, rows })
    }
    const commitStarted = performance.now()
    await client.query('COMMIT')
    steps.push({ name: 'commit', ms: performance.now() - commitStarted, rows: {} })
    return { skipped: false, steps, ms: performance.now() - started, rows: Object.assign({}, ...steps.map((step) => step.rows)) }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}
