import { api } from './client'

/** 备案情况's own calls; its statistics and records lists go through ./statistics */
export const { records } = api.filings
