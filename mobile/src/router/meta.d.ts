export {}

declare module 'vue-router' {
  interface RouteMeta {
    /** page title shown in WeChat's title bar */
    title?: string
    /** reachable without a session */
    public?: boolean
    /** the features that open the page, any one of them (from its declaration); empty = any signed-in user */
    features?: readonly string[]
    /** slug of the module that declares the page */
    module?: string
  }
}
