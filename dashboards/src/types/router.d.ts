import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** document title, shown as 页面标题 - 平台名 */
    title?: string
    /** reachable without a session (login, 404) */
    public?: boolean
  }
}
