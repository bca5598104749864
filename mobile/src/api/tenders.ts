import { api } from './client'

/** 招标投标管理 (module 21): 招标文件备案 and its review */
export const tenders = api.tenders
