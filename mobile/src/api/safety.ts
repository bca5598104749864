import { api } from './client'

/** 平安建设's own calls; its statistics and records lists go through ./statistics */
export const { items, updateAssessment } = api.safety
