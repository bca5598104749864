import { api } from './client'

export const { periods, stats, statsExportUrl, list, exportUrl, show, submit, review, templates } = api.evaluations
