/// <reference lib="dom" />
/**
 * The one API client used by the PC dashboards and the WeChat H5.
 * Paths live in `routes` only; both apps call the typed methods below.
 */
import type {
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
} from './types.ts'

export type * from './types.ts'

export const routes = {
  session: '/api/v1/session',
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
      login: (phone: string, password: string) =>
        request<CurrentUser>('POST', routes.session, { phone, password }),
      logout: () => request<null>('DELETE', routes.session),
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

export type ApiClient = ReturnType<typeof createApiClient>
