/// <reference lib="dom" />
/**
 * The one API client used by the PC dashboards and the WeChat H5.
 * Paths live in `routes` only; both apps call the typed methods below.
 */
import type {
  CodeSent,
  CurrentUser,
  EstateDetail,
  EstateFilingRow,
  FilingRecord,
  FilingStatsMeta,
  FilingStatsRow,
  PageMeta,
  ProjectStatsMeta,
  ProjectStatsRow,
  EstateListRow,
  AuditLogRow,
  AccountOptions,
  ManagedAccount,
  UserStatCategory,
  UserStatMetric,
  UserStatsItem,
  UserStatsListMeta,
  UserStatsRow,
  TodoRow,
  TodoCounts,
  TodoQuery,
  EvaluationPeriod,
  EvaluationPeriodsMeta,
  EvaluationStatsRow,
  EvaluationStatsMeta,
  EvaluationRow,
  EvaluationQuery,
  EvaluationDetail,
  EvaluationSubmitInput,
  EvaluationReviewInput,
  EvaluationTemplate,
  EvaluationTemplateInput,
  EvaluationHalf,
  CalendarDay,
  CalendarDayKind,
  CalendarYear,
} from './types.ts'

export type * from './types.ts'

export const routes = {
  session: '/api/v1/session',
  sessionSms: '/api/v1/session/sms',
  sessionAll: '/api/v1/session/all',
  wechatAuthorize: '/api/v1/wechat/authorize',
  identitySms: '/api/v1/identity/sms',
  identityBind: '/api/v1/identity/bind',
  csrf: '/api/v1/csrf',
  me: '/api/v1/me',
  filingStats: '/api/v1/stats/filings',
  filingStatsExport: '/api/v1/stats/filings/export',
  estateFilings: '/api/v1/filings/estates',
  estateFilingsExport: '/api/v1/filings/estates/export',
  projectStats: '/api/v1/stats/projects',
  projectStatsExport: '/api/v1/stats/projects/export',
  estates: '/api/v1/estates',
  estatesExport: '/api/v1/estates/export',
  estate: (id: number) => `/api/v1/estates/${id}`,
  estateFilingRecords: (id: number) => `/api/v1/estates/${id}/filings`,
  filings: '/api/v1/filings',
  filing: (id: number) => `/api/v1/filings/${id}`,
  auditLogs: '/api/v1/audit-logs',
  auditLogsExport: '/api/v1/audit-logs/export',
  users: '/api/v1/users',
  usersExport: '/api/v1/users/export',
  user: (id: number) => `/api/v1/users/${id}`,
  userFeatures: (id: number) => `/api/v1/users/${id}/features`,
  userOptions: '/api/v1/users/options',
  userStats: '/api/v1/users/stats',
  userStatsList: (category: string, metric: string) => `/api/v1/users/stats/${category}/${metric}`,
  userStatsExport: '/api/v1/users/stats/export',
  userStatsListExport: (category: string, metric: string) => `/api/v1/users/stats/${category}/${metric}/export`,
  mePhoneCode: '/api/v1/me/phone-code',
  meUnbindWechat: '/api/v1/me/unbind-wechat',
  meDeregister: '/api/v1/me/deregister',
  todos: '/api/v1/todos',
  todoCounts: '/api/v1/todos/counts',
  todosExport: '/api/v1/todos/export',
  evaluationPeriods: '/api/v1/evaluations/periods',
  evaluationStats: '/api/v1/stats/evaluations',
  evaluationStatsExport: '/api/v1/stats/evaluations/export',
  evaluations: '/api/v1/evaluations',
  evaluationsExport: '/api/v1/evaluations/export',
  evaluation: (id: number) => `/api/v1/evaluations/${id}`,
  evaluationSubmit: (id: number) => `/api/v1/evaluations/${id}/submit`,
  evaluationReview: (id: number) => `/api/v1/evaluations/${id}/review`,
  evaluationTemplates: '/api/v1/evaluation-templates',
  evaluationTemplatesExport: '/api/v1/evaluation-templates/export',
  evaluationTemplate: (id: number) => `/api/v1/evaluation-templates/${id}`,
  evaluationTemplateActivate: (id: number) => `/api/v1/evaluation-templates/${id}/activate`,
  calendarYears: '/api/v1/calendar/years',
  calendarYear: (year: number) => `/api/v1/calendar/years/${year}`,
  calendarDays: '/api/v1/calendar/days',
  calendarDaysExport: '/api/v1/calendar/days/export',
  calendarDay: (date: string) => `/api/v1/calendar/days/${date}`,
} as const

export interface Envelope<T, M = Record<string, unknown>> {
  data: T
  meta: M
}

export class ApiError extends Error {
  status: number
  fields: Record<string, string>
  constructor(status: number, message: string, fields: Record<string, string> = {}) {
    super(message)
    this.status = status
    this.fields = fields
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null
  const hit = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`))
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : null
}

export interface ApiClientOptions {
  /** prefix for every path, '' when the app is served by the backend itself */
  baseUrl?: string
  /** called on 401 so the app can send the user to its login page */
  onUnauthorized?: () => void
}

export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = options.baseUrl ?? ''

  async function request<T, M = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown
  ): Promise<Envelope<T, M>> {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    // Shield's CSRF check accepts the XSRF-TOKEN cookie echoed back in this header; a page that
    // has made no API call yet (e.g. the login page) fetches the cookie first.
    if (method !== 'GET' && typeof document !== 'undefined' && !readCookie('XSRF-TOKEN')) {
      await fetch(baseUrl + routes.csrf, { credentials: 'same-origin' })
    }
    const xsrf = readCookie('XSRF-TOKEN')
    if (xsrf) headers['X-XSRF-TOKEN'] = xsrf
    const response = await fetch(baseUrl + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (response.status === 204) return { data: null as T, meta: {} as M }
    const payload = (await response.json().catch(() => null)) as { errors?: { message: string; field?: string }[] } | null
    if (!response.ok) {
      if (response.status === 401) options.onUnauthorized?.()
      const errors: { message: string; field?: string }[] = payload?.errors ?? []
      const fields: Record<string, string> = {}
      for (const error of errors) if (error.field) fields[error.field] = error.message
      throw new ApiError(response.status, errors[0]?.message ?? `请求失败（${response.status}）`, fields)
    }
    return payload as Envelope<T, M>
  }

  /** an absolute-path URL for a download (Excel export) with the same filters */
  const downloadUrl = (path: string, query: Query = {}) => baseUrl + withQuery(path, query)

  return {
    request,
    downloadUrl,
    auth: {
      me: () => request<CurrentUser>('GET', routes.me),
      /** PC login step 1: checks the password and texts a login code */
      sendLoginCode: (phone: string, password: string) =>
        request<CodeSent>('POST', routes.sessionSms, { phone, password }),
      /** PC login step 2: password and SMS code */
      login: (phone: string, password: string, code: string) =>
        request<CurrentUser>('POST', routes.session, { phone, password, code }),
      logout: () => request<null>('DELETE', routes.session),
      /** 退出所有设备 */
      logoutAll: () => request<null>('DELETE', routes.sessionAll),
    },
    /** 微信端身份认证 (H5) */
    identity: {
      /** full-page navigation target that starts WeChat web authorisation; `redirect` is an H5 path (/m/…) */
      authorizeUrl: (redirect?: string) => baseUrl + withQuery(routes.wechatAuthorize, { redirect }),
      sendCode: (name: string, phone: string) => request<CodeSent>('POST', routes.identitySms, { name, phone }),
      bind: (name: string, phone: string, code: string) =>
        request<CurrentUser>('POST', routes.identityBind, { name, phone, code }),
    },
    filings: {
      stats: (regionId?: number) =>
        request<FilingStatsRow[], FilingStatsMeta>('GET', withQuery(routes.filingStats, { region_id: regionId })),
      statsExportUrl: (regionId?: number) => downloadUrl(routes.filingStatsExport, { region_id: regionId }),
      estates: (query: EstateFilingQuery) =>
        request<EstateFilingRow[], PageMeta>('GET', withQuery(routes.estateFilings, query as Query)),
      estatesExportUrl: (query: EstateFilingQuery) => downloadUrl(routes.estateFilingsExport, query as Query),
      records: (estateId: number) => request<FilingRecord[]>('GET', routes.estateFilingRecords(estateId)),
      create: (input: { estate_id: number; kind: string; document_no: string; filed_on: string; expires_on?: string | null }) =>
        request<FilingRecord>('POST', routes.filings, input),
      update: (id: number, input: { status: 'filed' | 'expired'; version: number; remark?: string; expires_on?: string | null }) =>
        request<FilingRecord>('PATCH', routes.filing(id), input),
      withdraw: (id: number, input: { version: number; remark: string }) =>
        request<FilingRecord>('DELETE', routes.filing(id), input),
    },
    estates: {
      show: (id: number) => request<EstateDetail>('GET', routes.estate(id)),
      list: (query: EstateListQuery) => request<EstateListRow[], PageMeta>('GET', withQuery(routes.estates, query as Query)),
      listExportUrl: (query: EstateListQuery) => downloadUrl(routes.estatesExport, query as Query),
    },
    /** 权限管理 (module 3): the accounts the user manages and 用户统计 */
    users: {
      list: (query: AccountListQuery) => request<ManagedAccount[], PageMeta>('GET', withQuery(routes.users, query as Query)),
      exportUrl: (query: AccountListQuery) => downloadUrl(routes.usersExport, query as Query),
      show: (id: number) => request<ManagedAccount>('GET', routes.user(id)),
      options: () => request<AccountOptions>('GET', routes.userOptions),
      create: (input: NewAccountInput) => request<ManagedAccount, { initialPassword: string | null }>('POST', routes.users, input),
      setFeatures: (id: number, features: string[]) => request<ManagedAccount>('PUT', routes.userFeatures(id), { features }),
      stats: (regionId?: number) => request<UserStatsRow[]>('GET', withQuery(routes.userStats, { region_id: regionId })),
      statsExportUrl: (regionId?: number) => downloadUrl(routes.userStatsExport, { region_id: regionId }),
      statsListExportUrl: (category: UserStatCategory, metric: UserStatMetric, regionId?: number) =>
        downloadUrl(routes.userStatsListExport(category, metric), { region_id: regionId }),
      statsList: (category: UserStatCategory, metric: UserStatMetric, query: { region_id?: number; page?: number; per_page?: number } = {}) =>
        request<UserStatsItem[], UserStatsListMeta>('GET', withQuery(routes.userStatsList(category, metric), query as Query)),
    },
    /** 头像 menu: the signed-in user's own account */
    account: {
      update: (input: { name?: string; phone?: string; code?: string }) => request<CurrentUser>('PUT', routes.me, input),
      sendPhoneCode: (phone: string) => request<{ expiresIn: number; resendIn: number }>('POST', routes.mePhoneCode, { phone }),
      unbindWechat: () => request<{ unbound: boolean }>('POST', routes.meUnbindWechat),
      deregister: (password: string) => request<null>('POST', routes.meDeregister, { password }),
    },
    audit: {
      list: (query: AuditLogQuery) => request<AuditLogRow[], PageMeta>('GET', withQuery(routes.auditLogs, query as Query)),
      exportUrl: (query: AuditLogQuery) => downloadUrl(routes.auditLogsExport, query as Query),
    },
    /** 待办事项 (module 4) */
    todos: {
      list: (query: TodoQuery) => request<TodoRow[], PageMeta>('GET', withQuery(routes.todos, query as Query)),
      counts: () => request<TodoCounts>('GET', routes.todoCounts),
      exportUrl: (query: TodoQuery) => downloadUrl(routes.todosExport, query as Query),
    },
    /** 街道社区评价 (module 13) */
    evaluations: {
      /** recent periods, newest first; meta says which is open today */
      periods: () => request<EvaluationPeriod[], EvaluationPeriodsMeta>('GET', routes.evaluationPeriods),
      stats: (query: EvaluationStatsQuery = {}) =>
        request<EvaluationStatsRow[], EvaluationStatsMeta>('GET', withQuery(routes.evaluationStats, query as Query)),
      statsExportUrl: (query: EvaluationStatsQuery = {}) => downloadUrl(routes.evaluationStatsExport, query as Query),
      list: (query: EvaluationQuery) => request<EvaluationRow[], PageMeta & { period: EvaluationPeriod }>('GET', withQuery(routes.evaluations, query as Query)),
      exportUrl: (query: EvaluationQuery) => downloadUrl(routes.evaluationsExport, query as Query),
      show: (id: number) => request<EvaluationDetail>('GET', routes.evaluation(id)),
      /** community staff: score and submit for review */
      submit: (id: number, input: EvaluationSubmitInput) => request<EvaluationDetail>('POST', routes.evaluationSubmit(id), input),
      /** street handler: (re-)score, 审核意见, submit */
      review: (id: number, input: EvaluationReviewInput) => request<EvaluationDetail>('POST', routes.evaluationReview(id), input),
      templates: {
        list: () => request<EvaluationTemplate[]>('GET', routes.evaluationTemplates),
        exportUrl: () => downloadUrl(routes.evaluationTemplatesExport),
        create: (input: EvaluationTemplateInput) => request<EvaluationTemplate>('POST', routes.evaluationTemplates, input),
        update: (id: number, input: EvaluationTemplateInput & { version: number }) =>
          request<EvaluationTemplate>('PUT', routes.evaluationTemplate(id), input),
        activate: (id: number, version: number) =>
          request<EvaluationTemplate>('POST', routes.evaluationTemplateActivate(id), { version }),
        destroy: (id: number) => request<null>('DELETE', routes.evaluationTemplate(id)),
      },
    },
    /** 节假日日历 (city admin): holidays and make-up workdays per year, 发布 */
    calendar: {
      years: () => request<CalendarYear[]>('GET', routes.calendarYears),
      /** meta.year is null for a year not entered yet */
      days: (year: number) => request<CalendarDay[], { year: CalendarYear | null }>('GET', withQuery(routes.calendarDays, { year })),
      daysExportUrl: (year: number) => downloadUrl(routes.calendarDaysExport, { year }),
      /** add or change a day (YYYY-MM-DD); the year is created unpublished on its first day */
      upsertDay: (date: string, input: { kind: CalendarDayKind; name: string }) =>
        request<CalendarDay, { year: CalendarYear | null }>('PUT', routes.calendarDay(date), input),
      deleteDay: (date: string) => request<null, { year: CalendarYear | null }>('DELETE', routes.calendarDay(date)),
      /** 发布 / 取消发布 */
      updateYear: (year: number, published: boolean) => request<CalendarYear>('PUT', routes.calendarYear(year), { published }),
    },
    projects: {
      stats: (regionId?: number) =>
        request<ProjectStatsRow[], ProjectStatsMeta>('GET', withQuery(routes.projectStats, { region_id: regionId })),
      statsExportUrl: (regionId?: number) => downloadUrl(routes.projectStatsExport, { region_id: regionId }),
    },
  }
}

export interface EstateFilingQuery {
  region_id?: number
  estate_id?: number
  contract_status?: string
  assembly_status?: string
  q?: string
  page?: number
  per_page?: number
}

export interface EvaluationStatsQuery {
  region_id?: number
  year?: number
  half?: EvaluationHalf
}

export interface EstateListQuery {
  region_id?: number
  q?: string
  /** 住宅 / 商业 / 办公 / 混合 */
  estate_type?: string
  /** 'true' | 'false' */
  has_committee?: string
  page?: number
  per_page?: number
}

export interface AuditLogQuery {
  /** YYYY-MM-DD, inclusive */
  from?: string
  to?: string
  /** user name keyword or user id */
  user?: string
  action?: string
  outcome?: string
  q?: string
  page?: number
  per_page?: number
}

export type ApiClient = ReturnType<typeof createApiClient>

export interface AccountListQuery {
  region_id?: number
  role?: string
  status?: string
  q?: string
  page?: number
  per_page?: number
}

export interface NewAccountInput {
  name: string
  phone: string
  role: string
  region_id?: number
  features?: string[]
  /** 初始密码; generated (and answered once in meta.initialPassword) when absent */
  password?: string
}
