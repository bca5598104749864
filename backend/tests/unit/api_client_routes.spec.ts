import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { createApiClient } from '@szpm/core/api'

/**
 * Every path the typed API client (core/src/api) calls exists in the backend's route list with the
 * same method. The client is driven through every one of its methods with a recording `fetch`;
 * URL builders (exports, WeChat authorisation) are GETs.
 *
 * A method whose arguments must match a route parameter's matcher (dates, slugs) gets them from
 * ARGS; every other method is called with 2026 (a valid id and year) for each argument.
 */
const ARGS: Record<string, unknown[]> = {
  'calendar.upsertDay': ['2026-10-01', { kind: 'holiday', name: '国庆节' }],
  'calendar.deleteDay': ['2026-10-01'],
  'users.statsList': ['project_managers', 'units'],
  'users.statsListExportUrl': ['project_managers', 'accounts'],
  'notices.upload': [new Blob(['%PDF-1.7']), '附件.pdf'],
  'training.uploadMedia': [new Blob(['%PDF-1.7']), '课程.pdf'],
  'disputes.step': ['handle', 2026, { version: 1 }],
  'disputes.upload': [new Blob(['%PDF-1.7']), '附件.pdf'],
  'areas.startImport': [new Blob(['PK']), '设施设备.xlsx'],
  'voting.uploadPaperScan': [2026, new Blob(['%PDF-1.7']), '选票.pdf'],
  'tenders.upload': [new Blob(['%PDF-1.7']), '招标文件.pdf'],
  'credit.upload': [new Blob(['%PDF-1.7']), '认定文书.pdf'],
  'inspections.upload': [new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])]), '通道.png'],
  'proxyGovernance.fire': [2026, 'appoint', { version: 1, remark: '指定', content: '<p>公告</p>', agent: '居委会' }],
}

interface BackendRoute {
  pattern: string
  methods: string[]
  name?: string
  matchers: Record<string, { match?: RegExp }>
}

function backendRoutes(): BackendRoute[] {
  router.commit()
  return Object.values(router.toJSON())
    .flat()
    .filter((route: any) => route.name?.startsWith('api.')) as BackendRoute[]
}

/** the backend route a request would reach, honouring each parameter's matcher */
function resolve(routes: BackendRoute[], method: string, path: string): BackendRoute | undefined {
  const segments = path.split('/').filter(Boolean)
  // a static route wins over a parametric one (as in the router): try routes with fewer parameters first
  const ordered = [...routes].sort((a, b) => a.pattern.split(':').length - b.pattern.split(':').length)
  return ordered.find((route) => {
    if (!route.methods.includes(method)) return false
    const parts = route.pattern.split('/').filter(Boolean)
    if (parts.length !== segments.length) return false
    return parts.every((part, index) => {
      const value = decodeURIComponent(segments[index])
      if (!part.startsWith(':')) return part === value
      const matcher = route.matchers?.[part.slice(1)]?.match
      return matcher ? new RegExp(matcher.source).test(value) : true
    })
  })
}

interface Call {
  method: string
  path: string
  by: string
}

/** Calls every method of the client (depth-first) and records the request each one makes. */
async function driveClient(): Promise<{ calls: Call[]; silent: string[] }> {
  const calls: Call[] = []
  const silent: string[] = []
  let current = ''
  const realFetch = globalThis.fetch
  const hadDocument = 'document' in globalThis
  // a browser with no XSRF cookie yet: the first write fetches the CSRF route too
  ;(globalThis as any).document = { cookie: '' }
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input), 'http://client.test')
    calls.push({ method: init?.method ?? 'GET', path: url.pathname, by: current })
    // an empty list: methods that read an answer before their next call (e.g. evaluations.ofEstate) get one
    return new Response(JSON.stringify({ data: [], meta: {} }), { status: 200, headers: { 'Content-Type': 'application/json' } })
  }) as typeof fetch
  try {
    const client = createApiClient()
    const walk = async (node: Record<string, unknown>, prefix: string) => {
      for (const [key, value] of Object.entries(node)) {
        const name = prefix ? `${prefix}.${key}` : key
        if (!prefix && (key === 'request' || key === 'downloadUrl')) continue
        if (typeof value === 'function') {
          current = name
          const before = calls.length
          const args = ARGS[name] ?? Array.from({ length: Math.max(value.length, 1) }, () => 2026)
          const result = await value(...args)
          if (typeof result === 'string') calls.push({ method: 'GET', path: new URL(result, 'http://client.test').pathname, by: name })
          if (calls.length === before) silent.push(name)
        } else if (value && typeof value === 'object') {
          await walk(value as Record<string, unknown>, name)
        }
      }
    }
    await walk(client as unknown as Record<string, unknown>, '')
  } finally {
    globalThis.fetch = realFetch
    if (!hadDocument) delete (globalThis as any).document
  }
  return { calls, silent }
}

test.group('API client routes', () => {
  test('every path the client calls exists in the backend route list with the same method', async ({ assert }) => {
    const routes = backendRoutes()
    const { calls, silent } = await driveClient()
    assert.deepEqual(silent, [], 'every client method makes a request or builds a URL')
    // the whole client: login, the CSRF fetch and one call per module at least
    assert.isAbove(calls.length, 50)
    assert.isTrue(calls.some((call) => call.path === '/api/v1/csrf' && call.method === 'GET'))
    const missing = calls
      .filter((call) => !resolve(routes, call.method, call.path))
      .map((call) => `${call.by}: ${call.method} ${call.path}`)
    assert.deepEqual(missing, [])
  })

  test('the check catches a path or a method the backend does not have', ({ assert }) => {
    const routes = backendRoutes()
    assert.equal(resolve(routes, 'PATCH', '/api/v1/filings/7')?.name, 'api.filings.update')
    assert.isUndefined(resolve(routes, 'PUT', '/api/v1/filings/7'))
    assert.isUndefined(resolve(routes, 'GET', '/api/v1/filing/7'))
    assert.isUndefined(resolve(routes, 'DELETE', '/api/v1/calendar/days/2026-13'))
    assert.equal(resolve(routes, 'GET', '/api/v1/users/options')?.name, 'api.users.options')
  })
})
