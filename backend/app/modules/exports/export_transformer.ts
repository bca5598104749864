import type { ExportRunRow as ExportRunWire, ExportSubscriptionRow } from '@szpm/core'
import { exportableTable } from './exportable_tables.ts'
import { describeSchedule, type Frequency } from './export_schedule.ts'
import type { ExportRunRow } from './export_service.ts'

export const RUN_STATUS_NAMES = { queued: '排队中', running: '生成中', done: '已完成', failed: '失败', expired: '已过期' } as const

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null)
const titleOf = (slug: string, kind?: 'statistics' | 'records') => exportableTable(slug, kind)?.title ?? slug

export function transformExportRun(row: ExportRunRow & { region_name: string }): ExportRunWire {
  return {
    id: row.id,
    module: row.module,
    kind: row.kind,
    title: titleOf(row.module, row.kind),
    regionName: row.region_name,
    scheduled: row.subscription_id !== null || row.due_at !== null,
    status: row.status,
    statusName: RUN_STATUS_NAMES[row.status],
    progress: Number(row.progress),
    rowCount: row.row_count === null ? null : Number(row.row_count),
    fileName: row.file_name,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    error: row.error,
    requestedAt: iso(row.requested_at)!,
    finishedAt: iso(row.finished_at),
    expiresAt: iso(row.expires_at),
  }
}

export function transformExportSubscription(row: {
  id: number
  module: string
  region_id: number
  region_name: string
  frequency: Frequency
  time_of_day: string
  weekday: number | null
  month_day: number | null
  next_run_at: Date
  last_run_at: Date | null
}): ExportSubscriptionRow {
  return {
    id: row.id,
    module: row.module,
    title: titleOf(row.module),
    regionId: row.region_id,
    regionName: row.region_name,
    frequency: row.frequency,
    timeOfDay: row.time_of_day,
    weekday: row.weekday,
    monthDay: row.month_day,
    scheduleName: describeSchedule({ frequency: row.frequency, timeOfDay: row.time_of_day, weekday: row.weekday, monthDay: row.month_day }),
    nextRunAt: iso(row.next_run_at)!,
    lastRunAt: iso(row.last_run_at),
  }
}
