import { api } from './client'

export const { show } = api.estates
