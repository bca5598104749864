import type { PageMeta, TodoCounts, TodoQuery, TodoRow } from '@szpm/api'
import { api } from './client'

export interface TodoPage {
  rows: TodoRow[]
  meta: PageMeta
}

/** 待办 / 已办 of the signed-in user */
export async function fetchTodos(query: TodoQuery): Promise<TodoPage> {
  const { data, meta } = await api.todos.list(query)
  return { rows: data, meta }
}

/** the numbers of the 待办 / 已办 badges */
export async function fetchTodoCounts(): Promise<TodoCounts> {
  return (await api.todos.counts()).data
}
