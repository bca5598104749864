import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** document title, shown as 页面标题 - 平台名; the last breadcrumb */
    title?: string
    /** reachable without a session (login, 404) */
    public?: boolean
    /** the feature the user needs to open the page (from the module declaration); absent = any signed-in user */
    feature?: string
    /** slug of the module that declares the page (the generic pages read it) */
    module?: string
  }
}
