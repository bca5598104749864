import { api } from './client'

export const { years, days, daysExportUrl, upsertDay, deleteDay, updateYear } = api.calendar
