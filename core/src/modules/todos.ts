import { defineModule } from './types.ts'

/** 待办事项 (module 4): the one inbox every reviewed process feeds. */
export const todos = defineModule({
  no: 4,
  name: '待办事项',
  slug: 'todos',
  status: 'live',
  group: 'workbench',
  features: { 'todos.view': '查看', 'todos.handle': '办理' },
  routes: [
    { name: 'todos.index', method: 'GET', path: 'todos', access: 'todos.view', label: '待办事项', query: ['tab', 'process', 'q', 'page', 'per_page'] },
    { name: 'todos.counts', method: 'GET', path: 'todos/counts', access: 'todos.view', label: '待办数量', query: [] },
    { name: 'todos.export', method: 'GET', path: 'todos/export', access: 'todos.view', label: '导出待办事项', query: ['tab', 'process', 'q'] },
  ],
  pages: [{ name: 'todos', path: '/todos', title: '待办事项', feature: 'todos.view', apps: ['pc', 'h5'], menu: true }],
  tile: { label: '待办事项', icon: 'todo-list-o', page: 'todos' },
})
