import { defineModule } from './types.ts'

/**
 * 我的消息 (platform): every user's in-app inbox — notices, 催办, reminders and finished exports sent
 * through the one notification service (backend/app/modules/messages, docs/messages.md). Reading
 * needs no feature: an inbox holds only the user's own messages (another's answers 404).
 */
export const messages = defineModule({
  no: 0,
  name: '我的消息',
  slug: 'messages',
  status: 'live',
  group: 'workbench',
  features: {},
  routes: [
    { name: 'messages.index', method: 'GET', path: 'messages', access: 'session', label: '我的消息', query: ['kind', 'unread', 'page', 'per_page'] },
    { name: 'messages.unread_count', method: 'GET', path: 'messages/unread_count', access: 'session', label: '未读消息数', query: [] },
    { name: 'messages.export', method: 'GET', path: 'messages/export', access: 'session', label: '导出我的消息', query: ['kind', 'unread'] },
    { name: 'messages.read_all', method: 'POST', path: 'messages/read_all', access: 'session', label: '全部已读' },
    { name: 'messages.show', method: 'GET', path: 'messages/:id', access: 'session', label: '查看消息', params: { id: 'id' }, query: [] },
  ],
  pages: [
    { name: 'messages', path: '/messages', title: '我的消息', apps: ['pc', 'h5'], menu: true },
    { name: 'message', path: '/messages/:id(\\d+)', title: '消息详情', apps: ['pc', 'h5'], menu: false },
  ],
  tile: { label: '我的消息', icon: 'chat-o', page: 'messages' },
})
