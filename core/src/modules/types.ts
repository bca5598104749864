/**
 * The shape of a module declaration: one place per module that the backend (routes, feature guard,
 * audit labels, statistics, exports), the warehouse (cubes), the ETL, both front ends (menus,
 * tiles, route guards, generic pages) and the tests (authorisation matrix) derive their lists from.
 *
 * Declarations are plain data (no backend or browser imports), so every layer can read them.
 */

import type { RegionLevel } from '../api/types.ts'

export type { RegionLevel }

/** How a number is shown: one rounding rule per format (see ../format.ts). */
export type MetricFormat = 'count' | 'percent' | 'area' | 'score'

/** How the warehouse aggregates a metric (mirrors the cube's MetricKind). */
export type MetricAggregation = 'count' | 'sum' | 'rate' | 'average'

export interface MetricDeclaration {
  /** Chinese label, written here only */
  readonly label: string
  /** unit shown beside the number (个, 户, ㎡, 分); percentages carry their own sign */
  readonly unit?: string
  readonly format: MetricFormat
  readonly aggregation: MetricAggregation
  /**
   * 穿透: the records behind the number — the query of the module's records list that shows them
   * (e.g. `{ contract_status: 'filed' }`); absent = the number is not a list of records.
   */
  readonly records?: Readonly<Record<string, string>>
  /**
   * the page of the list `records` queries when it is not the module's main records list
   * (`statistics.recordsPage`): one of `statistics.moreRecords` — e.g. the estates behind an estate count
   * of a module whose main list is of people or spaces
   */
  readonly recordsPage?: string
  readonly description?: string
}

/** One chart of a statistics page, built from declared metrics. */
export interface ChartDeclaration<M extends string = string> {
  readonly title: string
  /** 'donut': shares of a whole; 'bar': the metrics per child region */
  readonly kind: 'donut' | 'bar'
  readonly metrics: readonly M[]
  /** 'bar' only: stack the metrics in one bar per region (they are parts of one whole) */
  readonly stack?: boolean
}

/** A column of a records list (穿透) and of its Excel export. */
export interface ColumnDeclaration {
  /** field of the API row */
  readonly key: string
  readonly label: string
  /** how the value is shown; 'text' by default */
  readonly format?: MetricFormat | 'date' | 'datetime' | 'text' | 'status' | 'boolean'
  /** for 'status': the field holding the Chinese name shown in the tag (the key holds the code) */
  readonly nameKey?: string
  /** only in the Excel export (e.g. 所属区 in a city-wide file), not on the screen */
  readonly exportOnly?: boolean
  /** for 'boolean': the words for true and false (default 是 / 否) */
  readonly booleanLabels?: readonly [yes: string, no: string]
  /** 'estate': the cell opens the shared estate page (the row's `estateIdKey`) */
  readonly link?: 'estate'
  readonly width?: number
}

/** A filter of a records list: its query key (as the API takes it) and how it is chosen. */
export interface RecordsFilterDeclaration {
  readonly key: string
  readonly label: string
  readonly kind: 'select' | 'keyword'
  readonly options?: readonly { readonly value: string; readonly label: string }[]
}

/** The records list behind a statistics module's numbers (穿透), rendered by the generic list pages. */
export interface RecordsDeclaration {
  /** API route names (see `routes`) of the paged list and of its export */
  readonly list: string
  readonly export: string
  readonly title: string
  readonly columns: readonly ColumnDeclaration[]
  readonly filters: readonly RecordsFilterDeclaration[]
  /** the row field holding the estate id (its name opens the shared estate page) */
  readonly estateIdKey?: string
}

/** Another records list of a statistics module, on its own page (declared in `pages`, both apps). */
export interface MoreRecordsDeclaration extends RecordsDeclaration {
  readonly page: string
}

/**
 * A header over several metric columns of the statistics table (PC table and Excel export; H5 shows
 * it as a prefix): e.g. 应开共有资金账户数 over 总数 / 已开数 / 未开数 / 开户率. Its metrics are consecutive
 * in `metrics` order; each is shown under the group by its short label (the unit added as usual).
 */
export interface ColumnGroupDeclaration<M extends string = string> {
  readonly label: string
  readonly columns: readonly { readonly metric: M; readonly label: string }[]
}

export interface StatisticsDeclaration<M extends string = string> {
  /** the warehouse cube that computes the metrics (its metric keys must match, see warehouse/src/cubes) */
  readonly cube: string
  /**
   * the warehouse fact tables the cube reads, each with the outbox topic that feeds it; the ETL finds
   * the module's fact sources (with their topic transformers) in etl/src/sources/<slug>.ts
   * (rebuild / reconcile / drain). The first is the table the cube is named after.
   */
  readonly facts: readonly { readonly table: string; readonly topic: string }[]
  /** statistics title shown on the page (e.g. 备案情况统计) */
  readonly title: string
  /**
   * the page (declared in `pages`) that shows the generic statistics overview; default: the page
   * named by the module's slug (a module whose slug page is its own list, like 通知发布, names another)
   */
  readonly page?: string
  /**
   * the levels a user can drill through, usually ending with the estate; a module whose records belong to
   * a region (平安建设: the community) ends there — a region of that level is its own one row, and its row
   * opens its records instead of drilling further
   */
  readonly levels: readonly RegionLevel[]
  /** every metric, in table column order; key and label are written once, here */
  readonly metrics: { readonly [K in M]: MetricDeclaration }
  /** the figures shown on the home 工作台 and the page's summary cards */
  readonly keyFigures: readonly NoInfer<M>[]
  readonly charts: readonly ChartDeclaration<NoInfer<M>>[]
  /** optional grouped headers over consecutive metric columns (see ColumnGroupDeclaration) */
  readonly columnGroups?: readonly ColumnGroupDeclaration<NoInfer<M>>[]
  /** the records list (穿透) the metrics open, by route name of the front ends */
  readonly recordsPage?: string
  /** its columns and filters, for the generic list pages and the export */
  readonly records?: RecordsDeclaration
  /**
   * further records lists behind some numbers (a metric names its page in `recordsPage`), rendered by the
   * same generic list pages: e.g. 从业人员信息's 未填报项目 opens the estates, not the practitioners
   */
  readonly moreRecords?: readonly MoreRecordsDeclaration[]
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * Who may call a route: `public` (no session), `session` (any signed-in user: their own account,
 * their own inbox), `estate_tabs` (any feature of a module with a tab on the estate page), or the
 * feature code(s) it needs — an array means any one of them.
 */
export type RouteAccess = 'public' | 'session' | 'estate_tabs' | string | readonly string[]

export interface RouteDeclaration {
  /** route name without the `api.` prefix, e.g. `filing_stats.index` */
  readonly name: string
  readonly method: HttpMethod
  /** path under /api/v1, AdonisJS syntax (`estates/:id`) */
  readonly path: string
  readonly access: RouteAccess
  /** Chinese name of the action for the audit log's 对象 column (e.g. 导出备案统计) */
  readonly label: string
  /** route parameter matchers by name (the backend maps these to its matchers) */
  readonly params?: Readonly<Record<string, 'id' | 'date' | 'year' | 'slug'>>
  /** the handler is scoped to the user's region (a foreign object answers 404) */
  readonly scoped?: boolean
  /** query-string keys a GET route reads (documented here; the fuzz test attacks each) */
  readonly query?: readonly string[]
}

/** A page of a front end, declared once for the router (with its guard) and the menus. */
export interface PageDeclaration {
  /** route name, shared by PC and H5 where both have the page */
  readonly name: string
  /** path of the page (PC under /, H5 under /m/) */
  readonly path: string
  readonly title: string
  /**
   * feature needed to open it (a list: any one of them); absent = any signed-in user; `estate_tabs` =
   * any feature of a module with a tab on the estate page (see `pageFeatures`)
   */
  readonly feature?: string | readonly string[]
  /** which apps have the page */
  readonly apps: readonly ('pc' | 'h5')[]
  /** shown in the PC side menu (false for detail pages reached from another page) */
  readonly menu?: boolean
}

/** Side-menu groups of the PC shell, in display order. */
export const MENU_GROUPS = {
  workbench: '工作台',
  statistics: '统计分析',
  business: '业务办理',
  platform: '系统管理',
} as const
export type MenuGroup = keyof typeof MENU_GROUPS

/**
 * A workflow process of a module (backend/app/workflows): what the inbox (待办事项) shows and opens
 * for its to-dos in both apps. The backend's process definition spreads this in and adds its states,
 * transitions, scheduled jobs and inbox hooks (backend/app/modules/<slug>/<name>_process.ts).
 */
export interface ProcessDeclaration {
  /** stored with every to-do and history entry (`todos.process`), e.g. `evaluation` */
  readonly name: string
  /** 事项类型 in the inbox (街道社区评价) */
  readonly label: string
  /** the page a to-do opens, with the subject's id as `:id` (a page this module declares) */
  readonly todoPage: string
}

export interface ModuleDeclaration<M extends string = string> {
  /** number in the street-office manual (1–24); 0 = platform-wide tools */
  readonly no: number
  /** Chinese name (备案情况) */
  readonly name: string
  /** one name used in every layer: routes, folders, cube, ETL topic, front-end views */
  readonly slug: string
  /** live = built; planned = only its features exist (granted ahead), no pages */
  readonly status: 'live' | 'planned'
  readonly group: MenuGroup
  /** feature code → action label (`filings.view` → 查看) */
  readonly features: Readonly<Record<string, string>>
  readonly routes?: readonly RouteDeclaration[]
  readonly pages?: readonly PageDeclaration[]
  /** the H5 home tile (label kept short for one line) and the icon names of Vant / the PC menu */
  readonly tile?: { readonly label: string; readonly icon: string; readonly page: string }
  readonly statistics?: StatisticsDeclaration<M>
  /** the estate page shows a tab for this module to users holding `feature` */
  readonly estateTab?: { readonly label: string; readonly feature: string }
  /** workflow processes whose to-dos reach the inbox */
  readonly processes?: readonly ProcessDeclaration[]
}

/** Identity function that checks a declaration and keeps its literal metric keys. */
export function defineModule<M extends string>(declaration: ModuleDeclaration<M>): ModuleDeclaration<M> {
  return declaration
}
