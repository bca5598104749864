/// <reference lib="dom" />
/**
 * The fetch core of the API client: the envelope, ApiError, query strings, CSRF, and paths taken
 * from the route declarations (core/src/modules/<slug>.ts), so a path and its method are written
 * once. The per-module method files (./filings.ts, ./evaluations.ts …) call `http.call(routeName)`.
 */
import { routeByName } from '../modules/index.ts'

/** every API route is mounted under this prefix (backend/start/routes.ts) */
export const API_PREFIX = '/api/v1'

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

/** route parameters by name (`{ id: 3 }` for `filings/:id`) */
export type RouteParams = Record<string, string | number>

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

function declaredRoute(name: string) {
  const route = routeByName(name)
  if (!route) throw new Error(`API route "${name}" is not declared in any module`)
  return route
}

/**
 * The path of a declared route with its parameters filled in:
 * `routePath('filings.update', { id: 3 })` → `/api/v1/filings/3`.
 */
export function routePath(name: string, params: RouteParams = {}): string {
  const path = declaredRoute(name).path.replace(/:(\w+)/g, (_, key: string) => {
    const value = params[key]
    if (value === undefined) throw new Error(`API route "${name}" needs the parameter "${key}"`)
    return encodeURIComponent(String(value))
  })
  return `${API_PREFIX}/${path}`
}

/** The HTTP method a declared route answers. */
export function routeMethod(name: string): string {
  return declaredRoute(name).method
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

export interface CallOptions {
  params?: RouteParams
  query?: Query
  body?: unknown
}

export interface Http {
  /** a request to any path (prefer `call`) */
  request<T, M = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Envelope<T, M>>
  /** an absolute-path URL for a download (Excel export) with the same filters */
  downloadUrl(path: string, query?: Query): string
  /** a request to a declared route, by name: its method and path come from the declaration */
  call<T, M = Record<string, unknown>>(name: string, options?: CallOptions): Promise<Envelope<T, M>>
  /** the URL of a declared GET route (downloads, full-page navigations) */
  url(name: string, options?: Omit<CallOptions, 'body'>): string
}

export function createHttp(options: ApiClientOptions = {}): Http {
  const baseUrl = options.baseUrl ?? ''

  async function request<T, M = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Envelope<T, M>> {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    // Shield's CSRF check accepts the XSRF-TOKEN cookie echoed back in this header; a page that
    // has made no API call yet (e.g. the login page) fetches the cookie first.
    if (method !== 'GET' && typeof document !== 'undefined' && !readCookie('XSRF-TOKEN')) {
      await fetch(baseUrl + routePath('session.csrf'), { credentials: 'same-origin' })
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

  const downloadUrl = (path: string, query: Query = {}) => baseUrl + withQuery(path, query)

  return {
    request,
    downloadUrl,
    call: <T, M = Record<string, unknown>>(name: string, { params, query, body }: CallOptions = {}) =>
      request<T, M>(routeMethod(name), withQuery(routePath(name, params), query), body),
    url: (name, { params, query } = {}) => downloadUrl(routePath(name, params), query),
  }
}

/**
 * Uploads one file (multipart, field `file`) to a declared POST route, with the session's CSRF token;
 * a refusal is an ApiError carrying the field messages (a 422 on `file`: type or size).
 */
export async function uploadFile<T>(baseUrl: string, routeName: string, file: Blob, fileName: string, params?: Record<string, string | number>): Promise<Envelope<T>> {
  if (!readCookie('XSRF-TOKEN')) await fetch(baseUrl + routePath('session.csrf'), { credentials: 'same-origin' })
  const form = new FormData()
  form.append('file', file, fileName)
  const response = await fetch(baseUrl + routePath(routeName, params), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-XSRF-TOKEN': readCookie('XSRF-TOKEN') ?? '' },
    body: form,
  })
  const payload = (await response.json().catch(() => null)) as { errors?: { message: string; field?: string }[] } | null
  if (!response.ok) {
    const errors = payload?.errors ?? []
    throw new ApiError(response.status, errors[0]?.message ?? `上传失败（${response.status}）`, Object.fromEntries(errors.filter((e) => e.field).map((e) => [e.field!, e.message])))
  }
  return payload as unknown as Envelope<T>
}
