import { api } from './client'

/** 通知发布 (module 19) */
export const notices = api.notices
