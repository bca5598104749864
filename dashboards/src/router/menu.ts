import { MENU_GROUPS, MODULES, moduleBySlug, pageFeatures, pagesOf, type MenuGroup, type ModuleDeclaration } from '@szpm/core'

/** One entry of the side menu: a declared page (its route name and title). */
export interface MenuEntry {
  name: string
  title: string
}

/** A module's entries within its group (shown under the module's name when it has several). */
export interface MenuModule {
  slug: string
  name: string
  entries: MenuEntry[]
}

export interface MenuSection {
  group: MenuGroup
  title: string
  modules: MenuModule[]
}

type Can = (feature: string) => boolean

/** the declared menu pages of live modules a user may open, in declaration order */
function openableMenuPages(can: Can) {
  return pagesOf('pc').filter((page) => page.menu && (pageFeatures(page).length === 0 || pageFeatures(page).some(can)))
}

/**
 * The side menu of a user, derived from the module declarations: groups in MENU_GROUPS order,
 * modules in manual order within a group, each module's menu pages the user holds the feature of.
 * Groups and modules with nothing to open are left out.
 */
export function menuFor(can: Can): MenuSection[] {
  const pages = openableMenuPages(can)
  return (Object.keys(MENU_GROUPS) as MenuGroup[])
    .map((group) => ({
      group,
      title: MENU_GROUPS[group],
      modules: MODULES.filter((module) => module.group === group)
        .map((module) => ({
          slug: module.slug,
          name: module.name,
          entries: pages.filter((page) => page.module.slug === module.slug).map(({ name, title }) => ({ name, title })),
        }))
        .filter((module) => module.entries.length > 0),
    }))
    .filter((section) => section.modules.length > 0)
}

/** the first menu page of a module the user may open (a detail page's menu highlight and breadcrumb) */
export function moduleEntry(slug: string | undefined, can: Can): MenuEntry | undefined {
  const page = openableMenuPages(can).find((candidate) => candidate.module.slug === slug)
  return page && { name: page.name, title: page.title }
}

export interface Crumb {
  title: string
  /** route name; absent for the current page and for a group */
  to?: string
}

/**
 * Breadcrumbs of a page: 首页 / 分组 / 模块 / 页面. The module crumb is left out when the page is the
 * module's own page of the same name or the module has no menu page the user may open, and links
 * to the module's first menu page otherwise.
 */
export function crumbsOf(route: { name?: unknown; meta: { title?: string; module?: string } }, can: Can): Crumb[] {
  if (route.name === 'home') return [{ title: '首页' }]
  const crumbs: Crumb[] = [{ title: '首页', to: 'home' }]
  const module: ModuleDeclaration | undefined = route.meta.module ? moduleBySlug(route.meta.module) : undefined
  if (module) {
    crumbs.push({ title: MENU_GROUPS[module.group] })
    // a module with no menu page (the shared estate page) gets no crumb of its own
    const entry = moduleEntry(module.slug, can)
    if (entry && module.name !== route.meta.title) crumbs.push({ title: module.name, to: entry.name !== route.name ? entry.name : undefined })
  }
  if (route.meta.title) crumbs.push({ title: route.meta.title })
  return crumbs
}
