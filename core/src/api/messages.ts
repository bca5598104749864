/** 我的消息: the signed-in user's in-app inbox. */
import type { Http, Query } from './http.ts'
import type { MessageQuery, MessageRow, MessageUnreadCount, PageMeta } from './types.ts'

export function messagesApi(http: Http) {
  return {
    list: (query: MessageQuery) => http.call<MessageRow[], PageMeta>('messages.index', { query: query as Query }),
    unreadCount: () => http.call<MessageUnreadCount>('messages.unread_count'),
    /** opens the message: marks it read (once) */
    show: (id: number) => http.call<MessageRow>('messages.show', { params: { id } }),
    readAll: (kind?: MessageQuery['kind']) => http.call<{ marked: number }>('messages.read_all', { body: kind ? { kind } : {} }),
    exportUrl: (query: MessageQuery) => http.url('messages.export', { query: query as Query }),
  }
}
