import { PLACE_COLUMNS } from './place_columns.ts'
import type { StatisticsDeclaration } from './types.ts'

/** the metric keys of 通知阅读统计 (the notices cube, warehouse/src/cubes/notices.ts, defines exactly these) */
export type NoticeMetric = 'recipients' | 'read' | 'unread' | 'readRate'

/**
 * 通知发布 (module 19)'s read statistics: per region, the receipts of the notices that reached its
 * estates — one per recipient per estate per notice (warehouse `notice_receipt_facts`, fed by the
 * `notice_receipt` outbox topic on every publish and every read). The generic statistics page covers
 * all notices of the user's region; 查看全部统计 of one notice (`notice_stats.show`) reads the same
 * cube with the notice's id as a filter and ends on its recipients with their read time.
 */
export const noticeStatistics: StatisticsDeclaration<NoticeMetric> = {
  cube: 'notices',
  facts: [{ table: 'notice_receipt_facts', topic: 'notice_receipt' }],
  title: '通知阅读统计',
  page: 'notice-statistics',
  levels: ['district', 'street', 'community', 'estate'],
  recordsPage: 'notice-receipts',
  records: {
    list: 'notice_receipts.index',
    export: 'notice_receipts.export',
    title: '通知接收记录',
    estateIdKey: 'estateId',
    columns: [
      ...PLACE_COLUMNS,
      { key: 'noticeTitle', label: '通知标题', width: 220 },
      { key: 'publishedAt', label: '发布时间', format: 'datetime', width: 150 },
      { key: 'recipientName', label: '接收人', width: 100 },
      { key: 'relationName', label: '身份', width: 100 },
      { key: 'read', label: '阅读状态', format: 'boolean', booleanLabels: ['已读', '未读'], width: 90 },
      { key: 'readAt', label: '阅读时间', format: 'datetime', width: 150 },
    ],
    filters: [
      { key: 'q', label: '通知标题', kind: 'keyword' },
      {
        key: 'read',
        label: '阅读状态',
        kind: 'select',
        options: [
          { value: '1', label: '已读' },
          { value: '0', label: '未读' },
        ],
      },
    ],
  },
  metrics: {
    recipients: { label: '接收人次', unit: '人次', format: 'count', aggregation: 'count', records: {}, description: '每条通知在每个物业项目的每位接收人计一次' },
    read: { label: '已读', unit: '人次', format: 'count', aggregation: 'count', records: { read: '1' } },
    unread: { label: '未读', unit: '人次', format: 'count', aggregation: 'count', records: { read: '0' } },
    readRate: { label: '阅读率', format: 'percent', aggregation: 'rate', description: '已读 ÷ 接收人次' },
  },
  keyFigures: ['recipients', 'read', 'readRate'],
  charts: [
    { title: '阅读情况', kind: 'donut', metrics: ['read', 'unread'] },
    { title: '各区域阅读情况', kind: 'bar', metrics: ['read', 'unread'], stack: true },
  ],
}
