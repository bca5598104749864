/*
| HTTP kernel: server and router middleware.
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/security_headers_middleware'),
  // /health/live and /health/ready: before the SPA and the router (no session, CSRF, auth or audit)
  () => import('#modules/health/health_middleware'),
  () => import('#middleware/spa_static_middleware'),
])

router.use([
  () => import('#middleware/audit_middleware'),
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('#middleware/input_guard_middleware'),
  () => import('@adonisjs/session/session_middleware'),
  () => import('@adonisjs/shield/shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
])

export const middleware = router.named({
  auth: () => import('#middleware/auth_middleware'),
  feature: () => import('#middleware/feature_middleware'),
})
