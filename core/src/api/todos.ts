/** 待办事项 (module 4): the inbox every workflow process feeds. */
import type { Http, Query } from './http.ts'
import type { PageMeta, TodoCounts, TodoQuery, TodoRow } from './types.ts'

export function todosApi(http: Http) {
  return {
    list: (query: TodoQuery) => http.call<TodoRow[], PageMeta>('todos.index', { query: query as Query }),
    counts: () => http.call<TodoCounts>('todos.counts'),
    exportUrl: (query: TodoQuery) => http.url('todos.export', { query: query as Query }),
  }
}
