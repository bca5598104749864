import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** document title, shown as 页面标题 - 平台名; the last breadcrumb */
    title?: string
    /** reachable without a session (login, 404) */
    public?: boolean
    /** the features that open the page, any one of them (from the module declaration); empty = any signed-in user */
    features?: readonly string[]
    /** slug of the module that declares the page (the generic pages read it) */
    module?: string
  }
}
