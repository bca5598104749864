import { api } from './client'

export const { stats, statsExportUrl, estates, estatesExportUrl, records } = api.filings
