import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { scheduledJobs } from '#workflows/index'
import { jobProcessor } from '#workflows/jobs'
import {
  AUDIT_LOG_MONTHS_AHEAD,
  AUDIT_LOG_PARTITIONS_JOB,
  auditLogPartitions,
  auditRetentionDays,
  maintainAuditLogPartitions,
} from '#modules/audit/audit_log_partitions'

const DAY = 24 * 60 * 60 * 1000

/** `audit_logs_YYYY_MM` of a moment, in Asia/Shanghai (the platform's months). */
function partitionOf(at: Date): string {
  const [year, month] = at.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).split('-')
  return `audit_logs_${year}_${month}`
}

/** the month (Asia/Shanghai) `months` after the one of `at`, as a partition name */
function partitionMonthsAfter(at: Date, months: number): string {
  const [year, month] = at.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).split('-').map(Number)
  const index = year * 12 + (month - 1) + months
  return `audit_logs_${Math.floor(index / 12)}_${String((index % 12) + 1).padStart(2, '0')}`
}

/** Writes one audit row at `at` through the application's connection; resolves to its request id. */
async function writeRow(at: Date, marker: string): Promise<string> {
  const requestId = `${marker}-${at.toISOString()}`
  await db.table('audit_logs').insert({ at, action: 'login', outcome: 'success', request_id: requestId, target: marker, detail: '{}' })
  return requestId
}

/** the partition holding each row of the marker, by request id */
async function placement(marker: string): Promise<Record<string, string>> {
  const result = await db.rawQuery('SELECT request_id, tableoid::regclass::text AS partition FROM audit_logs WHERE target = ?', [marker])
  return Object.fromEntries((result.rows as { request_id: string; partition: string }[]).map((row) => [row.request_id, row.partition]))
}

test.group('Audit log · monthly partitions', () => {
  test('rows land in the partition of their month (Asia/Shanghai); the next months exist ahead; none for a missing month', async ({ assert }) => {
    const now = new Date()
    const names = (await auditLogPartitions()).map((partition) => partition.name)
    for (let months = 0; months <= AUDIT_LOG_MONTHS_AHEAD; months++) assert.include(names, partitionMonthsAfter(now, months))

    // the first instant of this month in Shanghai, and the last second before it
    const monthStart = new Date((await db.rawQuery(
      `SELECT date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' AS at`
    )).rows[0].at)
    const lastMonth = new Date(monthStart.getTime() - 1000)
    const marker = `partition-${randomUUID()}`

    // last month has no partition on a fresh database: the row is refused, never put elsewhere
    if (!names.includes(partitionOf(lastMonth))) {
      await assert.rejects(() => writeRow(lastMonth, marker), /no partition of relation "audit_logs" found for row/)
    }
    // the application's role creates partitions through the SECURITY DEFINER function (what the job does)
    await db.rawQuery('SELECT ensure_audit_log_partitions(?::int, ?::timestamptz)', [AUDIT_LOG_MONTHS_AHEAD, lastMonth])
    assert.include((await auditLogPartitions()).map((partition) => partition.name), partitionOf(lastMonth))

    const rows = {
      lastMonth: await writeRow(lastMonth, marker),
      monthStart: await writeRow(monthStart, marker),
      now: await writeRow(now, marker),
      nextMonth: await writeRow(new Date(monthStart.getTime() + 40 * DAY), marker),
    }
    const where = await placement(marker)
    assert.equal(where[rows.lastMonth], partitionOf(lastMonth))
    assert.equal(where[rows.monthStart], partitionOf(now))
    assert.equal(where[rows.now], partitionOf(now))
    assert.equal(where[rows.nextMonth], partitionMonthsAfter(now, 1))
    assert.notEqual(partitionOf(lastMonth), partitionOf(monthStart), 'one second apart, across the month boundary')

    // each partition's bounds are the month's first instants in Shanghai
    const current = (await auditLogPartitions()).find((partition) => partition.name === partitionOf(now))!
    assert.equal(current.from.getTime(), monthStart.getTime())
    assert.equal(partitionOf(current.to), partitionMonthsAfter(now, 1))
    assert.equal(partitionOf(new Date(current.to.getTime() - 1000)), partitionOf(now))

    // the rows are read back through the parent (the search of 审计日志 does not see partitions)
    const read = await db.from('audit_logs').where('target', marker).count('* as n')
    assert.equal(Number(read[0].n), 4)
  })

  test('retention drops whole partitions entirely older than the limit, nothing younger, never ≥ 180 days', async ({ assert }) => {
    const now = Date.now()
    const marker = `retention-${randomUUID()}`
    // the month that holds the limit (now − 180 days) starts before it: it holds rows older than the limit, and stays
    const limitMonthStart = new Date((await db.rawQuery(
      `SELECT date_trunc('month', (now() - interval '180 days') AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' AS at`
    )).rows[0].at)
    await db.rawQuery('SELECT ensure_audit_log_partitions(?::int, ?::timestamptz)', [AUDIT_LOG_MONTHS_AHEAD, new Date(now - 260 * DAY)])

    const old = await writeRow(new Date(now - 220 * DAY), marker) // its month ends at least 9 days before the limit
    const older = await writeRow(new Date(now - 250 * DAY), marker)
    const straddling = await writeRow(limitMonthStart, marker) // older than the limit, in the month holding the limit
    const young = await writeRow(new Date(now - 179 * DAY), marker)
    const recent = await writeRow(new Date(now), marker)
    const oldPartition = partitionOf(new Date(now - 220 * DAY))
    const limitPartition = partitionOf(new Date(now - 180 * DAY))
    assert.notEqual(oldPartition, limitPartition)

    assert.throws(() => auditRetentionDays(179), /at least 180/)
    await assert.rejects(() => maintainAuditLogPartitions({ retentionDays: 90 }), /at least 180/)

    // the job as the application's role runs it (SECURITY DEFINER functions run as the owner)
    const result = await maintainAuditLogPartitions({ retentionDays: 180 })
    assert.include(result.dropped, oldPartition)
    assert.include(result.dropped, partitionOf(new Date(now - 250 * DAY)))
    assert.notInclude(result.dropped, limitPartition)
    assert.isAtLeast(result.rowsRemoved, 2)
    const names = (await auditLogPartitions()).map((partition) => partition.name)
    assert.notInclude(names, oldPartition)
    assert.include(names, limitPartition)
    assert.include(names, partitionOf(new Date(now)))
    const left = (await db.rawQuery(`SELECT to_regclass(?) AS t`, [oldPartition])).rows[0].t
    assert.isNull(left, 'the old partition is dropped as a table')
    // every kept partition's upper bound lies after the limit
    for (const partition of await auditLogPartitions()) assert.isAbove(partition.to.getTime(), now - 180 * DAY - 60_000, partition.name)

    const where = await placement(marker)
    assert.sameMembers(Object.keys(where), [straddling, young, recent])
    assert.equal(where[straddling], limitPartition, 'older than the limit but its month is not entirely older: kept')
    assert.notInclude(Object.keys(where), old)
    assert.notInclude(Object.keys(where), older)

    // a second run changes nothing
    const again = await maintainAuditLogPartitions({ retentionDays: 180 })
    assert.deepInclude(again, { created: 0, dropped: [], rowsRemoved: 0 })
    // a longer retention keeps what is younger than it
    assert.deepEqual((await maintainAuditLogPartitions({ retentionDays: 400 })).dropped, [])
  })

  test('the housekeeping job is scheduled daily, runs at start, and the worker runs it by name', async ({ assert }) => {
    const job = scheduledJobs().find((candidate) => candidate.name === AUDIT_LOG_PARTITIONS_JOB)
    assert.exists(job)
    assert.deepInclude(job!, { process: 'platform', everyMs: DAY, runAtStart: true })
    const logged: string[] = []
    const result = await jobProcessor(scheduledJobs(), (line) => logged.push(line))({ name: AUDIT_LOG_PARTITIONS_JOB })
    assert.deepInclude(result as object, { created: 0, retentionDays: auditRetentionDays() })
    assert.isAtLeast(auditRetentionDays(), 180)
  })
})
