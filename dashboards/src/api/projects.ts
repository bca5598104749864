import { api } from './client'

export const { stats, statsExportUrl } = api.projects
export const { list: estates, listExportUrl: estatesExportUrl } = api.estates
