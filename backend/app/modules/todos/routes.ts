/**
 * The handlers of the routes 待办事项 (module 4) declares in core/src/modules. start/routes.ts registers
 * them from the declaration (path, method, feature); a declared route without a handler, or a
 * handler for an undeclared route, stops the app at boot.
 */
import type { RouteHandlers } from '#start/route_handlers'

const TodosController = () => import('#modules/todos/todos_controller')

export default {
  'todos.index': [TodosController, 'index'],
  'todos.counts': [TodosController, 'counts'],
  'todos.export': [TodosController, 'export'],
} satisfies RouteHandlers
