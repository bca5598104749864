import { api } from './client'

/** 物业区域管理 (module 20): the area list (read-only on the phone) */
export const areas = api.areas
