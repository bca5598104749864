/*
| Routes. Everything lives under /api/v1 and answers `{ data, meta }` (or `{ errors }`).
|
| Routes are not listed here: each module declares its routes in core/src/modules/<slug>.ts (path,
| method, the feature it needs, its Chinese label) and maps them to controller methods in
| app/modules/<slug>/routes.ts. This file registers them all with one guard: public routes as they
| are, `session` routes behind `auth`, feature routes behind `auth` + `feature`. A route without a
| handler or a feature outside the catalogue stops the app here, at boot, with the list of problems.
*/
import router from '@adonisjs/core/services/router'
import { API_ROUTES, routeFeatures } from '@szpm/core'
import { middleware } from '#start/kernel'
import { PARAM_MATCHERS, loadRouteHandlers, routeProblems } from '#start/route_handlers'
import { ROLE_DEFAULTS } from '#services/roles'

const handlers = await loadRouteHandlers()
const problems = routeProblems(handlers, ROLE_DEFAULTS)
if (problems.length) {
  throw new Error(`The module declarations are inconsistent; the app cannot start:\n  - ${problems.join('\n  - ')}`)
}

router
  .group(() => {
    for (const declared of API_ROUTES) {
      const route = router.route(declared.path, [declared.method], handlers.get(declared.name) as never).as(declared.name)
      for (const [param, kind] of Object.entries(declared.params ?? {})) {
        const matcher = PARAM_MATCHERS[kind]
        if (matcher) route.where(param, matcher)
      }
      if (declared.access === 'public') continue
      const features = routeFeatures(declared)
      route.use(features.length ? [middleware.auth(), middleware.feature({ features })] : [middleware.auth()])
    }
  })
  .prefix('/api/v1')
  .as('api')
