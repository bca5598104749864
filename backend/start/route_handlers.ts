/**
 * From module declarations to AdonisJS routes. Each live module with routes has
 * `app/modules/<slug>/routes.ts` mapping its declared route names to controller methods; the
 * path, method, feature and parameter matchers come from the declaration (core/src/modules).
 * Nothing here names a module: a new module's routes need no edit in this file.
 */
import { API_ROUTES, FEATURE_CATALOGUE, LIVE_MODULES, declarationProblems, routeFeatures } from '@szpm/core'

/** a lazily imported controller and the name of its method */
export type RouteHandler = readonly [() => Promise<{ default: any }>, string]
export type RouteHandlers = Readonly<Record<string, RouteHandler>>

/** a positive PostgreSQL integer (1..2147483647); anything else is a 404 before any query runs */
const ID = /^(?:[1-9]\d{0,8}|1\d{9}|20\d{8}|21[0-3]\d{7}|214[0-6]\d{6}|2147[0-3]\d{5}|21474[0-7]\d{4}|214748[0-2]\d{3}|2147483[0-5]\d{2}|21474836[0-3]\d|214748364[0-7])$/

/** Route parameter matchers by the kind a declaration names. */
export const PARAM_MATCHERS = {
  id: { match: ID, cast: (value: string) => Number(value) },
  /** a calendar date YYYY-MM-DD (whether it exists, e.g. 02-30, is checked by the controller: 422) */
  date: { match: /^\d{4}-\d{2}-\d{2}$/ },
  /** a four-digit year (the 2000..2100 range is checked by the controller: 422) */
  year: { match: /^\d{4}$/, cast: (value: string) => Number(value) },
  /** a free path segment the controller validates itself */
  slug: null,
} as const


/** Loads every live module's handler map (app/modules/<slug>/routes.ts), keyed by route name. */
export async function loadRouteHandlers(): Promise<Map<string, RouteHandler>> {
  const handlers = new Map<string, RouteHandler>()
  const modules = LIVE_MODULES.filter((module) => module.routes?.length)
  const maps = await Promise.all(modules.map((module) => import(`#modules/${module.slug}/routes`).then((file) => file.default as RouteHandlers)))
  for (const map of maps) for (const [name, handler] of Object.entries(map)) handlers.set(name, handler)
  return handlers
}

/**
 * What stops the app at boot: problems in the declarations (unknown features, duplicates), a
 * declared route without a handler, a handler for an undeclared route, a route that is neither
 * public, session-only nor behind a catalogued feature, and role defaults naming unknown features.
 */
export function routeProblems(
  handlers: Map<string, RouteHandler>,
  roleFeatures: Record<string, readonly string[]>,
  routes: typeof API_ROUTES = API_ROUTES
): string[] {
  const problems = routes === API_ROUTES ? declarationProblems() : []
  const declared = new Set(routes.map((route) => route.name))
  for (const route of routes) {
    if (!handlers.has(route.name)) problems.push(`route "${route.name}" (${route.module.name}) is declared but app/modules/${route.module.slug}/routes.ts has no handler for it`)
    if (typeof route.access !== 'string' && !route.access.length) problems.push(`route "${route.name}" declares an empty feature list`)
    for (const feature of routeFeatures(route)) {
      if (!Object.hasOwn(FEATURE_CATALOGUE, feature)) problems.push(`route "${route.name}" needs feature "${feature}", which is not in the catalogue`)
    }
    for (const [param, kind] of Object.entries(route.params ?? {})) {
      if (!route.path.includes(`:${param}`)) problems.push(`route "${route.name}" declares a matcher for ":${param}", which its path "${route.path}" lacks`)
      if (!Object.hasOwn(PARAM_MATCHERS, kind)) problems.push(`route "${route.name}" uses unknown parameter kind "${kind}"`)
    }
  }
  for (const name of handlers.keys()) if (!declared.has(name)) problems.push(`a handler is registered for "${name}", which no module declares`)
  for (const [role, features] of Object.entries(roleFeatures)) {
    for (const feature of features) if (!Object.hasOwn(FEATURE_CATALOGUE, feature)) problems.push(`role ${role} defaults to feature "${feature}", which is not in the catalogue`)
  }
  return problems
}
