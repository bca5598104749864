export {}

declare module 'vue-router' {
  interface RouteMeta {
    /** page title shown in WeChat's title bar */
    title?: string
    /** reachable without a session */
    public?: boolean
    /** the feature the page needs (from its declaration); a user without it is sent home */
    feature?: string
    /** the page needs any one of these features */
    anyFeature?: readonly string[]
    /** slug of the module that declares the page */
    module?: string
  }
}
