/**
 * The module declarations (core/src/modules) as the H5 reads them: its pages, the home tiles, the
 * estate page's tabs and the statistics module behind a generic page. Nothing here is a hand-kept
 * list: a new module shows up by its declaration alone.
 */
import { LIVE_MODULES, MENU_GROUPS, MODULES, pageFeatures, pagesOf, statisticsPage, STATISTICS_MODULES, type ModuleDeclaration, type PageDeclaration } from '@szpm/core'
import { ESTATE_TAB_VIEWS } from '@/views/estate/tabs'
import { currentUser } from '@/stores/session'

export type H5Page = PageDeclaration & { module: ModuleDeclaration }

/** every declared page of the H5 */
export const H5_PAGES: readonly H5Page[] = pagesOf('h5')

export function h5Page(name: string): H5Page | undefined {
  return H5_PAGES.find((page) => page.name === name)
}

/** does the signed-in user hold the feature (absent = any signed-in user)? */
export function holds(feature: string | undefined): boolean {
  return !feature || (currentUser.value?.features.includes(feature) ?? false)
}

/**
 * The features that open a declared page on the H5: its declared ones, except that the estate page
 * opens with the feature of any tab the H5 has a view for (a module whose estate tab is PC-only, e.g.
 * 党建园地, does not open an H5 estate page that would show no tab).
 */
export function h5PageFeatures(page: PageDeclaration): readonly string[] {
  if (page.feature !== 'estate_tabs') return pageFeatures(page)
  return ESTATE_TABS.filter((tab) => ESTATE_TAB_VIEWS[tab.slug]).map((tab) => tab.feature)
}

/** whether the user may open a declared page (any one of its features; none = any signed-in user) */
export function canOpen(page: PageDeclaration): boolean {
  const features = h5PageFeatures(page)
  return features.length === 0 || features.some(holds)
}

const GROUP_ORDER = Object.keys(MENU_GROUPS)

/** a home tile of a live module: its declared tile, the page it opens and that page's feature */
export interface ModuleTile {
  /** the page name (data-test="entry-<key>") */
  key: string
  slug: string
  text: string
  icon: string
  page: H5Page
}

/** every declared tile whose page the H5 has, in menu-group order (工作台, 统计分析, 业务办理, 系统管理) */
export const MODULE_TILES: readonly ModuleTile[] = LIVE_MODULES.filter((module) => module.tile && h5Page(module.tile.page))
  .sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) || a.no - b.no)
  .map((module) => ({ key: module.tile!.page, slug: module.slug, text: module.tile!.label, icon: module.tile!.icon, page: h5Page(module.tile!.page)! }))

/** modules not built yet (their features can be granted ahead) */
export const PLANNED_MODULES = MODULES.filter((module) => module.status === 'planned')

/** the statistics module a generic page renders: the page named `<slug>`, its `statistics.recordsPage` or a page of its `moreRecords` */
export function statisticsPageOf(pageName: string): { module: ModuleDeclaration; kind: 'overview' | 'records' } | undefined {
  for (const module of STATISTICS_MODULES) {
    if (statisticsPage(module) === pageName) return { module, kind: 'overview' }
    if (module.statistics?.recordsPage === pageName) return { module, kind: 'records' }
    if (module.statistics?.moreRecords?.some((records) => records.page === pageName)) return { module, kind: 'records' }
  }
  return undefined
}

/** a tab of the estate page: one per module declaring `estateTab`, behind its feature */
export interface EstateTab {
  slug: string
  label: string
  feature: string
}

export const ESTATE_TABS: readonly EstateTab[] = LIVE_MODULES.filter((module) => module.estateTab).map((module) => ({
  slug: module.slug,
  label: module.estateTab!.label,
  feature: module.estateTab!.feature,
}))
