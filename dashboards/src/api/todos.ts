import { api } from './client'

export const { list, counts, exportUrl } = api.todos
