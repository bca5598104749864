import { api } from './client'

/** 街道社区评价's own calls; its statistics and records lists go through ./statistics */
export const { periods, list, ofEstate, show, submit, review, templates } = api.evaluations
