/** The handlers of the routes 我的消息 declares in core/src/modules/messages.ts. */
import type { RouteHandlers } from '#start/route_handlers'

const MessagesController = () => import('#modules/messages/messages_controller')

export default {
  'messages.index': [MessagesController, 'index'],
  'messages.unread_count': [MessagesController, 'unreadCount'],
  'messages.show': [MessagesController, 'show'],
  'messages.read_all': [MessagesController, 'readAll'],
  'messages.export': [MessagesController, 'export'],
} satisfies RouteHandlers
