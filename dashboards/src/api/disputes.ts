import { api } from './client'

/** 纠纷化解台账 (module 22) */
export const disputes = api.disputes
