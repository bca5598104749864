/** Wire types of 导出中心 (background and scheduled exports, backend/app/modules/exports). */

export type ExportFrequency = 'daily' | 'weekly' | 'monthly'
export type ExportRunStatus = 'queued' | 'running' | 'done' | 'failed' | 'expired'

/** a statistics table the user may export or subscribe to */
export interface ExportableTableRow {
  /** module slug */
  module: string
  /** 备案情况统计 */
  title: string
}

export interface ExportTablesMeta {
  frequencies: { value: ExportFrequency; label: string }[]
  /** the user's own region (the default of a subscription) */
  region: { id: number; name: string }
  /** days a file stays downloadable */
  retentionDays: number
}

export interface ExportRunRow {
  id: number
  module: string
  /** the module's statistics table or its records list */
  kind: 'statistics' | 'records'
  title: string
  regionName: string
  /** 定时导出 (a subscription) or 立即导出 */
  scheduled: boolean
  status: ExportRunStatus
  /** 排队中 / 生成中 / 已完成 / 失败 / 已过期 */
  statusName: string
  /** 0 … 100 */
  progress: number
  rowCount: number | null
  fileName: string | null
  sizeBytes: number | null
  /** Chinese reason of a failure */
  error: string | null
  requestedAt: string
  finishedAt: string | null
  expiresAt: string | null
}

export interface ExportSubscriptionRow {
  id: number
  module: string
  title: string
  regionId: number
  regionName: string
  frequency: ExportFrequency
  timeOfDay: string
  weekday: number | null
  monthDay: number | null
  /** 每周一 08:00 */
  scheduleName: string
  nextRunAt: string
  lastRunAt: string | null
}

export interface ExportRequestBody {
  module: string
  /** default 'statistics' */
  kind?: 'statistics' | 'records'
  region_id?: number
  /** records only: the list's filters as its query string */
  query?: Record<string, string>
}

export interface ExportSubscriptionBody extends ExportRequestBody {
  frequency: ExportFrequency
  /** HH:mm, Shenzhen time */
  time_of_day: string
  weekday?: number
  month_day?: number
}
