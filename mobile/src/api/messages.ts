import type { MessageKind, MessageQuery, MessageRow, MessageUnreadCount, PageMeta } from '@szpm/api'
import { api } from './client'

export interface MessagePage {
  rows: MessageRow[]
  meta: PageMeta
}

/** 我的消息 of the signed-in user */
export async function fetchMessages(query: MessageQuery): Promise<MessagePage> {
  const { data, meta } = await api.messages.list(query)
  return { rows: data, meta }
}

/** the unread badge */
export async function fetchUnreadCount(): Promise<MessageUnreadCount> {
  return (await api.messages.unreadCount()).data
}

/** opens a message (marks it read) */
export async function openMessage(id: number): Promise<MessageRow> {
  return (await api.messages.show(id)).data
}

/** 全部已读 (of one kind when given) */
export async function readAllMessages(kind?: MessageKind): Promise<number> {
  return (await api.messages.readAll(kind)).data.marked
}
