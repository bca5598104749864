import { api } from './client'

export const { list, exportUrl } = api.audit
