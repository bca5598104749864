import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { R, E, USERS, resetWorld, type WorldUser } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import clock from '#services/clock'
import EvaluationPeriodService from '#modules/evaluations/evaluation_period_service'

/**
 * Every API route × every role (and anonymous) × an object in the user's own street, a sibling
 * street and another district. A route missing from MATRIX fails the test, so new routes must join.
 *
 * `target` builds the request for a place; `own` is what each role may do there.
 */
type Place = 'own' | 'sibling' | 'otherDistrict'
type Expect = number

interface RouteCase {
  public?: boolean
  /** request parameters for an object in each place */
  target: (place: Place) => { params?: Record<string, number | string>; qs?: Record<string, number>; json?: Record<string, unknown> }
  /** expected status per role for the user's own place; other places are 404 unless the role's scope covers them */
  allowed: Partial<Record<WorldUser, Expect>>
}

const ESTATE_IN: Record<Place, number> = { own: E.e1, sibling: E.e4, otherDistrict: E.e5 }
const REGION_IN: Record<Place, number> = { own: R.yl1, sibling: R.ny1, otherDistrict: R.gy1 }
const FILING_IN: Record<Place, number> = { own: 1, sibling: 5, otherDistrict: 6 }
const USER_IN: Record<Place, number> = { own: USERS.handler.id, sibling: USERS.nanyuan.id, otherDistrict: USERS.guiyuan.id }
const NEW_PHONE: Record<Place, string> = { own: '13611110001', sibling: '13611110002', otherDistrict: '13611110003' }

const viewers = { city: 200, futian: 200, head: 200, handler: 200, party: 200, community: 200 } as const
const exporters = { city: 200, futian: 200, head: 200, handler: 200, community: 403, party: 403 } as const
const auditors = { city: 200, futian: 403, head: 403, handler: 403, party: 403, community: 403 } as const
const managers = { head: 200, handler: 200, city: 403, futian: 403, party: 403, community: 403 } as const
const userAdmins = { city: 200, futian: 200, head: 200, handler: 403, party: 403, community: 403 } as const
const calendarAdmins = { city: 200 } as const
// 街道社区评价: the world's evaluations of 2026 H1 (ids follow estate ids); on the matrix's fixed
// date (2026-11-28) that window is closed, so a permitted submit / review is a harmless 422
const EVALUATION_IN: Record<Place, number> = { own: E.e1, sibling: E.e4, otherDistrict: E.e5 }
const templateAdmins = { city: 200 } as const
const VALID_TEMPLATE = { name: '矩阵模板', items: [{ key: 'all', name: '综合', description: '', maxScore: 100, weight: 100 }] }

const MATRIX: Record<string, RouteCase> = {
  'api.session.csrf': { public: true, target: () => ({}), allowed: {} },
  'api.session.store': { public: true, target: () => ({}), allowed: {} },
  'api.session.sms': { public: true, target: () => ({}), allowed: {} },
  'api.wechat.authorize': { public: true, target: () => ({}), allowed: {} },
  'api.wechat.callback': { public: true, target: () => ({}), allowed: {} },
  'api.identity.sms': { public: true, target: () => ({}), allowed: {} },
  'api.identity.bind': { public: true, target: () => ({}), allowed: {} },
  'api.session.destroy_all': { target: () => ({}), allowed: viewers },
  'api.session.show': { target: () => ({}), allowed: viewers },
  'api.session.destroy': { target: () => ({}), allowed: viewers },
  'api.filing_stats.index': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: viewers },
  'api.filing_stats.export': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: exporters },
  // 街道社区评价 statistics (module 13): evaluations.view / evaluations.export
  'api.evaluation_stats.index': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: viewers },
  'api.evaluation_stats.export': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: exporters },
  'api.estate_filings.index': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: viewers },
  'api.estate_filings.export': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: exporters },
  'api.estates.show': { target: (p) => ({ params: { id: ESTATE_IN[p] } }), allowed: viewers },
  'api.filings.index': { target: (p) => ({ params: { id: ESTATE_IN[p] } }), allowed: viewers },
  'api.filings.store': {
    target: (p) => ({ json: { estate_id: ESTATE_IN[p], kind: 'assembly', document_no: 'MATRIX', filed_on: '2026-11-01' } }),
    allowed: { ...managers, head: 201, handler: 201 },
  },
  'api.project_stats.index': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: viewers },
  'api.project_stats.export': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: exporters },
  'api.estates.index': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: viewers },
  'api.estates.export': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: exporters },
  'api.filings.update': { target: (p) => ({ params: { id: FILING_IN[p] }, json: { status: 'expired', version: 1 } }), allowed: managers },
  'api.filings.destroy': { target: (p) => ({ params: { id: FILING_IN[p] }, json: { version: 1, remark: 'matrix' } }), allowed: managers },
  'api.audit_logs.index': { target: () => ({}), allowed: auditors },
  'api.audit_logs.export': { target: () => ({}), allowed: auditors },
  // 头像 menu: wrong password / an already-used phone make the writes harmless 422s
  'api.account.update': { target: () => ({ json: { name: '矩阵改名' } }), allowed: viewers },
  'api.account.phone_code': { target: () => ({ json: { phone: USERS.head.phone } }), allowed: { city: 422, futian: 422, head: 422, handler: 422, party: 422, community: 422 } },
  'api.account.unbind_wechat': { target: () => ({}), allowed: viewers },
  'api.account.deregister': { target: () => ({ json: { password: 'Wrong-pass-1' } }), allowed: { city: 422, futian: 422, head: 422, handler: 422, party: 422, community: 422 } },
  'api.users.index': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: userAdmins },
  'api.users.export': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: userAdmins },
  'api.users.stats': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: userAdmins },
  'api.users.stats_list': { target: (p) => ({ params: { category: 'communities', metric: 'accounts' }, qs: { region_id: REGION_IN[p] } }), allowed: userAdmins },
  'api.users.stats.export': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: userAdmins },
  'api.users.stats_list.export': { target: (p) => ({ params: { category: 'communities', metric: 'accounts' }, qs: { region_id: REGION_IN[p] } }), allowed: userAdmins },
  'api.users.show': { target: (p) => ({ params: { id: USER_IN[p] } }), allowed: userAdmins },
  'api.users.options': { target: () => ({}), allowed: userAdmins },
  'api.users.store': {
    target: (p) => ({ json: { name: '矩阵新增', phone: NEW_PHONE[p], role: 'community_handler', region_id: REGION_IN[p], features: ['filings.view'] } }),
    allowed: { ...userAdmins, head: 201, city: 422, futian: 422 },
  },
  'api.users.update_features': {
    target: (p) => ({ params: { id: USER_IN[p] }, json: { features: ['filings.view', 'filings.export', 'filings.manage', 'projects.view', 'projects.export'] } }),
    allowed: { ...userAdmins, head: 200, city: 404, futian: 404 },
  },
  // 待办事项: everyone's own inbox
  'api.todos.index': { target: () => ({}), allowed: viewers },
  'api.todos.counts': { target: () => ({}), allowed: viewers },
  'api.todos.export': { target: () => ({}), allowed: viewers },
  // 街道社区评价
  'api.evaluations.periods': { target: () => ({}), allowed: viewers },
  'api.evaluation_stats.index': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: viewers },
  'api.evaluation_stats.export': { target: (p) => ({ qs: { region_id: REGION_IN[p] } }), allowed: exporters },
  'api.evaluations.index': { target: (p) => ({ qs: { region_id: REGION_IN[p], year: 2026, half: 1 } }), allowed: viewers },
  'api.evaluations.export': { target: (p) => ({ qs: { region_id: REGION_IN[p], year: 2026, half: 1 } }), allowed: exporters },
  'api.evaluations.show': { target: (p) => ({ params: { id: EVALUATION_IN[p] } }), allowed: viewers },
  'api.evaluations.submit': {
    target: (p) => ({ params: { id: EVALUATION_IN[p] }, json: { version: 1, scores: { service: 20 } } }),
    allowed: { community: 422, head: 403, handler: 403 },
  },
  'api.evaluations.review': {
    target: (p) => ({ params: { id: EVALUATION_IN[p] }, json: { version: 1, scores: { service: 20 }, opinion: '矩阵' } }),
    allowed: { handler: 422, head: 403, community: 403 },
  },
  // 评分模板 (city only): the active template (id 1) cannot be edited or deleted, so those are 422s
  'api.evaluation_templates.index': { target: () => ({}), allowed: templateAdmins },
  'api.evaluation_templates.export': { target: () => ({}), allowed: templateAdmins },
  'api.evaluation_templates.store': { target: () => ({ json: VALID_TEMPLATE }), allowed: { city: 201 } },
  'api.evaluation_templates.update': { target: () => ({ params: { id: 1 }, json: { ...VALID_TEMPLATE, version: 1 } }), allowed: { city: 422 } },
  'api.evaluation_templates.activate': { target: () => ({ params: { id: 1 }, json: { version: 1 } }), allowed: templateAdmins },
  'api.evaluation_templates.destroy': { target: () => ({ params: { id: 1 } }), allowed: { city: 422 } },
  // 节假日日历 (city only): the writes are harmless for the city (a 调休 on a Wednesday is a 422, a
  // day not in the calendar a 404, publishing an unentered year a 422), so the seed is untouched
  'api.calendar.years': { target: () => ({}), allowed: calendarAdmins },
  'api.calendar.days': { target: () => ({ qs: { year: 2026 } }), allowed: calendarAdmins },
  'api.calendar.days.export': { target: () => ({ qs: { year: 2026 } }), allowed: calendarAdmins },
  'api.calendar.days_upsert': { target: () => ({ params: { date: '2099-03-04' }, json: { kind: 'workday', name: '矩阵' } }), allowed: { city: 422 } },
  'api.calendar.days_destroy': { target: () => ({ params: { date: '2099-03-04' } }), allowed: { city: 404 } },
  'api.calendar.years_update': { target: () => ({ params: { year: 2099 }, json: { published: true } }), allowed: { city: 422 } },
}

/** Which places a role's scope covers in the world (city sees all; 福田 sees its two streets). */
const REACH: Record<WorldUser, Place[]> = {
  city: ['own', 'sibling', 'otherDistrict'],
  futian: ['own', 'sibling'],
  luohu: ['otherDistrict'],
  head: ['own'],
  handler: ['own'],
  party: ['own'],
  nanyuan: ['sibling'],
  guiyuan: ['otherDistrict'],
  community: ['own'],
}
const ROLES: WorldUser[] = ['city', 'futian', 'head', 'handler', 'party', 'community']
const PLACES: Place[] = ['own', 'sibling', 'otherDistrict']
const UNSCOPED = new Set(['api.todos.index', 'api.todos.counts', 'api.todos.export', 'api.evaluations.periods',
  'api.evaluation_templates.index', 'api.evaluation_templates.export', 'api.evaluation_templates.store',
  'api.evaluation_templates.update', 'api.evaluation_templates.activate', 'api.evaluation_templates.destroy', 'api.account.update', 'api.account.phone_code', 'api.account.unbind_wechat', 'api.account.deregister', 'api.users.options', 'api.audit_logs.index', 'api.audit_logs.export', 'api.session.show', 'api.session.destroy', 'api.session.destroy_all'])

function apiRoutes() {
  router.commit()
  return Object.values(router.toJSON()).flat().filter((route: any) => route.name?.startsWith('api.'))
}

test.group('Authorization matrix', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    // a fixed day outside any evaluation window, with the (closed) 2026 H1 evaluations in place
    clock.travelTo('2026-11-28T10:00:00+08:00')
    await new EvaluationPeriodService().open({ year: 2026, half: 1 })
    return () => clock.reset()
  })

  test('every API route is in the matrix', ({ assert }) => {
    const names = apiRoutes().map((route: any) => route.name)
    assert.sameMembers(names, Object.keys(MATRIX))
  })

  test('route × role × place gives exactly the expected status', async ({ client, assert }) => {
    const mismatches: string[] = []
    let checked = 0
    for (const route of apiRoutes() as any[]) {
      const spec = MATRIX[route.name]
      const method = route.methods[0] as string
      for (const who of [null, ...ROLES] as (WorldUser | null)[]) {
        for (const place of PLACES) {
          const { params, qs, json } = spec.target(place)
          let request = client.visit(route.name, params ?? {})
          if (qs) request = request.qs(qs)
          if (json) request = request.json(json)
          if (method !== 'GET' && method !== 'HEAD') request = request.withCsrfToken()
          if (who) request = request.loginAs(await actor(who))
          const response = await request
          let expected: number
          if (spec.public) expected = response.status() // public routes: only "not 5xx" below
          else if (!who) expected = 401
          else if (!(who in spec.allowed)) expected = 403
          else if (spec.allowed[who] === 403) expected = 403
          else if (UNSCOPED.has(route.name) || REACH[who].includes(place)) expected = spec.allowed[who]!
          else expected = 404
          // a write in reach may legitimately be a business 4xx after an earlier cell changed state
          const ok = response.status() === expected || (expected < 300 && method !== 'GET' && [409, 422].includes(response.status()))
          if (!ok || response.status() >= 500) mismatches.push(`${route.name} ${who ?? 'anonymous'} ${place}: got ${response.status()}, expected ${expected}`)
          checked++
        }
      }
    }
    assert.deepEqual(mismatches, [])
    assert.equal(checked, Object.keys(MATRIX).length * (ROLES.length + 1) * PLACES.length)
  }).timeout(120000)
})
