/**
 * The registry of module declarations. Every list that used to be kept by hand — routes, the
 * feature catalogue, menus, tiles, route guards, audit labels, the authorisation matrix's routes,
 * the module table in docs — is derived from MODULES. A new module is one file here plus one line
 * below.
 */
import { audit, calendar, personalData } from './platform.ts'
import { areas } from './areas.ts'
import { commonFunds } from './common_funds.ts'
import { credit } from './credit.ts'
import { disputes } from './disputes.ts'
import { disclosures } from './disclosures.ts'
import { decisions } from './decisions.ts'
import { estates } from './estates.ts'
import { exportCenter } from './exports.ts'
import { evaluations } from './evaluations.ts'
import { filings } from './filings.ts'
import { identity } from './identity.ts'
import { inspections } from './inspections.ts'
export { IDENTITY_TYPES, identityTypeOfRole, type IdentityType } from './identity.ts'
import { messages } from './messages.ts'
import { notices } from './notices.ts'
import { parking } from './parking.ts'
import { partyBuilding } from './party_building.ts'
import { PLANNED_MODULES } from './planned.ts'
import { projects } from './projects.ts'
import { proxyGovernance } from './proxy_governance.ts'
import { risk } from './risk.ts'
import { safety } from './safety.ts'
import { sessions } from './sessions.ts'
import { staff } from './staff.ts'
import { todos } from './todos.ts'
import { training } from './training.ts'
import { tenders } from './tenders.ts'
import { users } from './users.ts'
import { voting } from './voting.ts'
import { weather } from './weather.ts'
import type { ColumnDeclaration, MetricDeclaration, ModuleDeclaration, PageDeclaration, ProcessDeclaration, RecordsDeclaration, RouteDeclaration, StatisticsDeclaration } from './types.ts'

export * from './types.ts'
export * from './column_groups.ts'
export { audit, calendar, personalData, estates, exportCenter, evaluations, filings, identity, messages, notices, projects, sessions, todos, users }
export { noticeStatistics } from './notices_statistics.ts'
export { PLACE_COLUMNS } from './place_columns.ts'
export * from './common_funds.ts'
export * from './credit.ts'
export * from './disputes.ts'
export { training } from './training.ts'
export { trainingStatistics, type TrainingMetric } from './training_statistics.ts'
export type { NoticeMetric } from './notices_statistics.ts'
export { staff } from './staff.ts'
export { staffStatistics, STAFF_POSTS, STAFF_GROUP_NAMES, STAFF_STALE_DAYS, STAFF_ESTATE_STATES, type StaffMetric, type StaffPost, type StaffEstateState } from './staff_statistics.ts'
export { parking, parkingStatistics, PARKING_SPACE_KINDS, PARKING_SPACE_STATUSES, PARKING_DISPUTE_TYPES, PARKING_ESTATE_STATES } from './parking.ts'
export { voting, ART_278_ITEM_NAMES, VOTING_MEETING_KINDS, VOTING_MEETING_STATUSES, VOTING_CHOICES } from './voting.ts'
export type { VotingMeetingKind, VotingMeetingStatus, VotingChoice } from './voting.ts'
export * from './weather.ts'
export type { ParkingMetric, ParkingSpaceKind, ParkingSpaceStatus, ParkingDisputeType, ParkingEstateState } from './parking.ts'
export { partyBuilding } from './party_building.ts'
export * from './tenders.ts'
export { decisions, decisionsStatistics, DECISION_RESULTS, type DecisionsMetric, type DecisionResult } from './decisions.ts'
export { safety } from './safety.ts'
export { safetyStatistics, SAFETY_STATUSES, type SafetyMetric, type SafetyStatus } from './safety_statistics.ts'
export * from './party_building_statistics.ts'
export * from './areas.ts'
export * from './disclosures.ts'
export * from './proxy_governance.ts'
export * from './inspections.ts'
export * from './risk.ts'

/** every module, manual order (0 = platform tools last) */
export const MODULES: readonly ModuleDeclaration[] = [
  identity, sessions, users, todos, projects, filings, evaluations, notices, staff, training, parking, commonFunds, credit, partyBuilding, safety, voting, weather, disputes, areas, tenders, disclosures, proxyGovernance, decisions,
  risk,
  ...PLANNED_MODULES,
  inspections,
  estates, messages, exportCenter, audit, personalData, calendar,
].sort((a, b) => (a.no || 100) - (b.no || 100))

/** modules that are built */
export const LIVE_MODULES = MODULES.filter((module) => module.status === 'live')

/** modules with statistics (the generic statistics page, the home figures, the bench) */
export const STATISTICS_MODULES = LIVE_MODULES.filter((module) => module.statistics)

export function moduleBySlug(slug: string): ModuleDeclaration | undefined {
  return MODULES.find((module) => module.slug === slug)
}

/** feature code → `模块 · 动作`, catalogue order */
export const FEATURE_CATALOGUE: Readonly<Record<string, string>> = Object.fromEntries(
  MODULES.flatMap((module) => Object.entries(module.features).map(([code, action]) => [code, `${module.name} · ${action}`]))
)

/** the features that open the estate page: each live module's estate-tab feature */
export const ESTATE_TAB_FEATURES: readonly string[] = LIVE_MODULES.flatMap((module) => (module.estateTab ? [module.estateTab.feature] : []))

/** every API route with the module that declares it (`estate_tabs` resolved to ESTATE_TAB_FEATURES) */
export const API_ROUTES: readonly (RouteDeclaration & { module: ModuleDeclaration })[] = LIVE_MODULES.flatMap((module) =>
  (module.routes ?? []).map((route) => ({ ...route, access: route.access === 'estate_tabs' ? ESTATE_TAB_FEATURES : route.access, module }))
)

/** The features a route needs, any one of them enough; none for `public` and `session` routes. */
export function routeFeatures(route: Pick<RouteDeclaration, 'access'>): readonly string[] {
  if (route.access === 'estate_tabs') return ESTATE_TAB_FEATURES
  if (typeof route.access !== 'string') return route.access
  return route.access === 'public' || route.access === 'session' ? [] : [route.access]
}

/** The features that open a page, any one of them enough; none = any signed-in user. */
export function pageFeatures(page: Pick<PageDeclaration, 'feature'>): readonly string[] {
  if (page.feature === 'estate_tabs') return ESTATE_TAB_FEATURES
  if (typeof page.feature !== 'string') return page.feature ?? []
  return [page.feature]
}

/** every page of one app, with its module */
export function pagesOf(app: 'pc' | 'h5'): (PageDeclaration & { module: ModuleDeclaration })[] {
  return LIVE_MODULES.flatMap((module) => (module.pages ?? []).filter((page) => page.apps.includes(app)).map((page) => ({ ...page, module })))
}

/** the page name of a statistics module's generic overview: `statistics.page`, default its slug */
export function statisticsPage(module: ModuleDeclaration): string {
  return module.statistics?.page ?? module.slug
}

/**
 * The generic pages of every statistics module, by page name, for both routers: the page named by
 * the slug is the generic overview, the page named by `statistics.recordsPage` the generic records list.
 */
export function statisticsPageViews<T>(views: { overview: T; records: T }): Record<string, T> {
  return Object.fromEntries(
    STATISTICS_MODULES.flatMap((module) => [
      [statisticsPage(module), views.overview] as const,
      ...(module.statistics?.recordsPage ? [[module.statistics.recordsPage, views.records] as const] : []),
      ...(module.statistics?.moreRecords ?? []).map((records) => [records.page, views.records] as const),
    ])
  )
}

/** every workflow process (the inbox's 事项类型 filter, where a to-do opens), with its module */
export const WORKFLOW_PROCESSES: readonly (ProcessDeclaration & { module: ModuleDeclaration })[] = LIVE_MODULES.flatMap((module) =>
  (module.processes ?? []).map((process) => ({ ...process, module }))
)

/** A declared workflow process by name (`evaluation`); throws for an undeclared one. */
export function processDeclaration(name: string): ProcessDeclaration {
  const process = WORKFLOW_PROCESSES.find((candidate) => candidate.name === name)
  if (!process) throw new Error(`no module declares the workflow process "${name}"`)
  return { name: process.name, label: process.label, todoPage: process.todoPage }
}

/** The columns a records page shows (the export has them all, see `exportOnly`). */
export function screenColumns(records: RecordsDeclaration): readonly ColumnDeclaration[] {
  return records.columns.filter((column) => !column.exportOnly)
}

/** The route declaration by name (`filing_stats.export`), for audit labels and the API client. */
export function routeByName(name: string) {
  return API_ROUTES.find((route) => route.name === name)
}

/**
 * Problems in the declarations: a route, page or tile naming a feature missing from the catalogue,
 * a duplicate route name or slug, a tile naming an undeclared page. The backend refuses to boot on
 * any (start/routes.ts), and a unit test runs it.
 */
export function declarationProblems(): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  for (const module of MODULES) {
    if (seen.has(module.slug)) problems.push(`duplicate module slug "${module.slug}"`)
    seen.add(module.slug)
  }
  const names = new Set<string>()
  const known = (feature: string) => Object.hasOwn(FEATURE_CATALOGUE, feature)
  for (const route of API_ROUTES) {
    if (names.has(route.name)) problems.push(`duplicate route name "${route.name}"`)
    names.add(route.name)
    const features = routeFeatures(route)
    if (typeof route.access !== 'string' && !route.access.length) problems.push(`route "${route.name}" (${route.module.name}) declares no feature`)
    for (const feature of features) if (!known(feature)) problems.push(`route "${route.name}" (${route.module.name}) needs feature "${feature}", which is not in the catalogue`)
  }
  for (const module of LIVE_MODULES) {
    for (const page of module.pages ?? []) {
      for (const feature of page.feature === 'estate_tabs' ? [] : pageFeatures(page)) {
        if (!known(feature)) problems.push(`page "${page.name}" (${module.name}) needs unknown feature "${feature}"`)
      }
    }
    if (module.tile && !(module.pages ?? []).some((page) => page.name === module.tile!.page)) problems.push(`tile of ${module.name} opens undeclared page "${module.tile.page}"`)
    for (const process of module.processes ?? []) {
      if (!(module.pages ?? []).some((page) => page.name === process.todoPage)) problems.push(`to-dos of process "${process.name}" (${module.name}) open undeclared page "${process.todoPage}"`)
    }
    if (module.estateTab && !known(module.estateTab.feature)) problems.push(`estate tab of ${module.name} needs unknown feature "${module.estateTab.feature}"`)
    problems.push(...recordsProblems(module))
  }
  return problems
}

/**
 * The records list a page of a statistics module shows: its `statistics.recordsPage` (the main list) or
 * one of its `moreRecords`; undefined for any other page.
 */
export function recordsOfPage(statistics: StatisticsDeclaration, page: string | undefined): RecordsDeclaration | undefined {
  if (page === undefined || page === statistics.recordsPage) return statistics.records
  return statistics.moreRecords?.find((records) => records.page === page)
}

/** the page a metric's 穿透 opens: its own `recordsPage`, or the module's main records page */
export function metricRecordsPage(statistics: StatisticsDeclaration, metric: MetricDeclaration): string | undefined {
  return metric.recordsPage ?? statistics.recordsPage
}

/**
 * Problems of a statistics module's records lists (穿透): their routes must be declared, their pages too,
 * and every filter and every metric's `records` query must be a key the list route it opens reads.
 */
function recordsProblems(module: ModuleDeclaration): string[] {
  const statistics = module.statistics
  if (!statistics) return []
  const problems: string[] = []
  const lists: { page: string | undefined; records: RecordsDeclaration }[] = [
    ...(statistics.records ? [{ page: statistics.recordsPage, records: statistics.records }] : []),
    ...(statistics.moreRecords ?? []).map((records) => ({ page: records.page, records })),
  ]
  const reading = new Map<string | undefined, Set<string>>()
  for (const { page, records } of lists) {
    if (page !== statistics.recordsPage && !(module.pages ?? []).some((candidate) => candidate.name === page)) problems.push(`records page "${page}" of ${module.name} is not declared in its pages`)
    const list = routeByName(records.list)
    if (!list) problems.push(`records list of ${module.name} names undeclared route "${records.list}"`)
    if (!routeByName(records.export)) problems.push(`records export of ${module.name} names undeclared route "${records.export}"`)
    if (!list?.query) continue
    const reads = new Set(list.query)
    reading.set(page, reads)
    for (const filter of records.filters) {
      if (!reads.has(filter.key)) problems.push(`records filter "${filter.key}" of ${module.name} is not read by route "${records.list}"`)
    }
  }
  for (const [key, metric] of Object.entries(statistics.metrics)) {
    if (!metric.records) continue
    const page = metricRecordsPage(statistics, metric)
    const records = recordsOfPage(statistics, page)
    if (!records) {
      problems.push(`metric "${key}" of ${module.name} opens records page "${page}", which declares no records list`)
      continue
    }
    const reads = reading.get(records === statistics.records ? statistics.recordsPage : page)
    if (!reads) continue
    for (const param of Object.keys(metric.records)) {
      if (!reads.has(param)) problems.push(`metric "${key}" of ${module.name} opens its records by "${param}", which route "${records.list}" does not read`)
    }
  }
  return problems
}
