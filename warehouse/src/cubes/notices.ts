import type { NoticeMetric } from '@szpm/core'
import type { CubeDefinition } from './types.ts'

/** receipts read (of the live rows: a cancel row subtracts what its row added) */
const READ = 'sum(is_read * sign)'

/**
 * 通知发布's read statistics (通知阅读统计): one notice_receipt_facts row per receipt — notice × estate ×
 * recipient — with the estate's place on the row (warehouse/migrations/0008_notice_receipt_facts.sql).
 * The table collapses (sign), so every figure is an exact sum over sign without FINAL. Filtered by
 * region like every cube, and by `notice_id` for one notice's 查看全部统计.
 */
export const cube: CubeDefinition<NoticeMetric> = {
  name: 'notices',
  table: 'notice_receipt_facts',
  final: false,
  filters: {
    notice_id: { column: 'notice_id', type: 'UInt32', description: 'one notice (查看全部统计)' },
  },
  metrics: {
    recipients: { sql: 'sum(sign)', kind: 'count', description: 'receipts: one per recipient per estate per notice' },
    read: { sql: READ, kind: 'count' },
    unread: { sql: 'sum((1 - is_read) * sign)', kind: 'count' },
    readRate: { sql: `if(sum(sign) = 0, 0, ${READ} / sum(sign))`, kind: 'rate' },
  },
}
