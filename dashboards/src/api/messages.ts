import { api } from './client'

export const { list, unreadCount, show, readAll, exportUrl } = api.messages
