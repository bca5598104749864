export {}

declare module 'vue-router' {
  interface RouteMeta {
    /** page title shown in WeChat's title bar */
    title?: string
    /** reachable without a session */
    public?: boolean
  }
}
