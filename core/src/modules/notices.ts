import { defineModule } from './types.ts'
import { noticeStatistics } from './notices_statistics.ts'

/**
 * 通知发布 (module 19): a street office publishes notices (title, sanitised rich text, attachments) to
 * the project managers and / or owners' committee directors of all or chosen estates of its street;
 * 部门已发消息 lists them with read / unread counts, 催办 re-notifies the unread (once per recipient per
 * day), 显示催办 shows the urges. Recipients read a notice from their inbox (module `messages`, kind
 * `notice`) or the WeChat deep link, on the received-notice page. docs/notices.md.
 */
export const notices = defineModule({
  no: 19,
  name: '通知发布',
  slug: 'notices',
  status: 'live',
  group: 'business',
  features: { 'notices.view': '查看', 'notices.manage': '发布', 'notices.remind': '催办', 'notices.export': '导出' },
  routes: [
    { name: 'notices.index', method: 'GET', path: 'notices', access: 'notices.view', label: '部门已发消息', scoped: true, query: ['region_id', 'q', 'from', 'to', 'show_urges', 'page', 'per_page'] },
    { name: 'notices.export', method: 'GET', path: 'notices/export', access: 'notices.export', label: '导出部门已发消息', scoped: true, query: ['region_id', 'q', 'from', 'to', 'show_urges'] },
    { name: 'notices.estates', method: 'GET', path: 'notices/estates', access: 'notices.manage', label: '可选物业项目', query: ['q'] },
    { name: 'notices.store', method: 'POST', path: 'notices', access: 'notices.manage', label: '发布通知' },
    { name: 'notice_attachments.upload', method: 'POST', path: 'notices/attachments', access: 'notices.manage', label: '上传通知附件' },
    { name: 'notices.show', method: 'GET', path: 'notices/:id', access: 'notices.view', label: '通知详情', params: { id: 'id' }, scoped: true },
    { name: 'notice_recipients.export', method: 'GET', path: 'notices/:id/recipients/export', access: 'notices.export', label: '导出通知接收人', params: { id: 'id' }, scoped: true },
    { name: 'notices.urge', method: 'POST', path: 'notices/:id/urge', access: 'notices.remind', label: '催办通知', params: { id: 'id' }, scoped: true },
    // a recipient's own view (project managers and committee directors hold no feature: the check is data)
    { name: 'received_notices.show', method: 'GET', path: 'notices/received/:id', access: 'session', label: '查看接收的通知', params: { id: 'id' }, scoped: true },
    // 通知阅读统计 (warehouse): all notices of the region, and 查看全部统计 of one notice (notice_stats_*.ts)
    { name: 'notice_statistics.index', method: 'GET', path: 'stats/notices', access: 'notices.view', label: '通知阅读统计', scoped: true, query: ['region_id'] },
    { name: 'notice_statistics.export', method: 'GET', path: 'stats/notices/export', access: 'notices.export', label: '导出通知阅读统计', scoped: true, query: ['region_id'] },
    { name: 'notice_receipts.index', method: 'GET', path: 'notices/receipts', access: 'notices.view', label: '通知接收记录', scoped: true, query: ['region_id', 'estate_id', 'notice_id', 'read', 'q', 'page', 'per_page'] },
    { name: 'notice_receipts.export', method: 'GET', path: 'notices/receipts/export', access: 'notices.export', label: '导出通知接收记录', scoped: true, query: ['region_id', 'estate_id', 'notice_id', 'read', 'q'] },
    { name: 'notice_stats.show', method: 'GET', path: 'notices/:id/stats', access: 'notices.view', label: '通知全部统计', params: { id: 'id' }, scoped: true, query: ['region_id'] },
    { name: 'notice_stats.export', method: 'GET', path: 'notices/:id/stats/export', access: 'notices.export', label: '导出通知全部统计', params: { id: 'id' }, scoped: true, query: ['region_id'] },
    { name: 'notice_recipient_stats.index', method: 'GET', path: 'notices/:id/stats/recipients', access: 'notices.view', label: '通知接收人阅读情况', params: { id: 'id' }, scoped: true, query: ['estate_id'] },
    { name: 'notice_recipient_stats.export', method: 'GET', path: 'notices/:id/stats/recipients/export', access: 'notices.export', label: '导出通知接收人阅读情况', params: { id: 'id' }, scoped: true, query: ['estate_id'] },
    { name: 'notice_attachments.download', method: 'GET', path: 'notices/:id/attachments/:attachmentId', access: 'session', label: '下载通知附件', params: { id: 'id', attachmentId: 'id' }, scoped: true },
  ],
  pages: [
    { name: 'notices', path: '/notices', title: '部门已发消息', feature: 'notices.view', apps: ['pc', 'h5'], menu: true },
    { name: 'notice-publish', path: '/notices/publish', title: '发布通知', feature: 'notices.manage', apps: ['pc', 'h5'], menu: true },
    // 我接收的消息 is the one inbox (module `messages`) filtered to notices: this entry opens it
    { name: 'notices-inbox', path: '/notices/inbox', title: '我接收的消息', apps: ['pc', 'h5'], menu: true },
    { name: 'notice-detail', path: '/notices/:id(\\d+)', title: '通知详情', feature: 'notices.view', apps: ['pc', 'h5'] },
    { name: 'notice-statistics', path: '/notices/statistics', title: '通知阅读统计', feature: 'notices.view', apps: ['pc', 'h5'], menu: true },
    { name: 'notice-receipts', path: '/notices/receipts', title: '通知接收记录', feature: 'notices.view', apps: ['pc', 'h5'] },
    { name: 'notice-stats', path: '/notices/:id(\\d+)/stats', title: '查看全部统计', feature: 'notices.view', apps: ['pc', 'h5'] },
    { name: 'notice-received', path: '/notices/received/:id(\\d+)', title: '通知', apps: ['pc', 'h5'] },
  ],
  tile: { label: '通知发布', icon: 'volume-o', page: 'notices' },
  statistics: noticeStatistics,
})
