import { test } from '@japa/runner'
import clock from '#services/clock'
import EvaluationPeriodService from '#modules/evaluations/evaluation_period_service'
import router from '@adonisjs/core/services/router'
import { routeByName } from '@szpm/core'
import db from '@adonisjs/lucid/services/db'
import { E, R, resetWorld, type WorldUser } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { seedNotices } from '#tests/support/notices'
import { seedDisputes } from '#tests/support/disputes'
import { A as SA, seedSafety } from '#tests/support/safety'

/**
 * Hostile input against every route of the router: every write route (POST/PATCH/PUT/DELETE) gets
 * malformed values in each field, missing / extra fields, malformed JSON and wrong content types;
 * every GET route gets malformed values in each of its query filters; every route with a path
 * parameter gets malformed ids. Asserted: never a 5xx, every 4xx answers a Chinese
 * `errors[0].message`, and no business table changed (audit_logs grows, nothing else).
 *
 * The actor is 桂园街道's street handler (city admin for the audit routes). Write bodies target
 * objects outside that street (园岭's estate e1 and its filing 1) or that do not exist, so a hostile
 * value that happens to validate (true → 1, '1' …) still changes nothing.
 */

const HUGE = 'x'.repeat(10_000)
const VALUES: unknown[] = [
  -1, 0, 1.5, -0.0001, 2147483648, 99999999999, 1e308, Number.MAX_SAFE_INTEGER, true, false, null,
  '', ' ', 'abc', '-1', '0', '1.5', '99999999999', '1e3', 'NaN', 'Infinity', '2026-13-45', '0000-00-00',
  HUGE, '中'.repeat(5000),
  "' OR '1'='1", '1; DROP TABLE filings; --', "1) UNION SELECT password FROM users --", "') FORMAT JSON --",
  "\\' UNION ALL SELECT * FROM system.tables --", '${7*7}{{7*7}}', '<script>alert(1)</script>', '../../etc/passwd',
  '%', '_', '\\', '😀🏠👨‍👩‍👧', '\u202e\u200b', 'a\u0000b', '\u0000',
  [], [1, 2], ['a'], {}, { $gt: '' }, { a: { b: { c: 1 } } },
]
/**
 * The extremes (issue 13) every body field of every route is tried with besides VALUES: the edges of a
 * PostgreSQL integer, a number past 2^53, one past a double (1e309 parses as Infinity; sent as raw JSON),
 * text and booleans a lax validator would coerce, the empty string and a very long string.
 */
const OVER_DOUBLE = Symbol('1e309')
const EXTREMES: unknown[] = [0, -1, 2147483647, 2147483648, -2147483649, 2 ** 53, 2 ** 53 + 2, OVER_DOUBLE, '0x3', '3', true, '', HUGE]
/** a body with `field` set to `value`, as raw JSON text when JSON.stringify cannot write the value */
function bodyWith(base: Record<string, unknown>, field: string, value: unknown) {
  if (value !== OVER_DOUBLE) return { json: { ...base, [field]: value } }
  return { raw: JSON.stringify({ ...base, [field]: '__over_double__' }).replace('"__over_double__"', '1e309') }
}
/** the query-string extremes (only decimal digits may read as a number) */
const QUERY_EXTREMES = ['0', '-1', '2147483647', '2147483648', '9007199254740992', '1e309', '0x3', '0b1', ' 3', '+3', '3.0', 'true']
const QUERY_VALUES: string[] = [
  '-1', '0', '1.5', '2147483648', '99999999999', '999999999999999999999999', '1e308', 'NaN', 'abc', '', ' ', 'true',
  '2026-13-45', '2026-02-30', HUGE, "' OR '1'='1", '1;DROP TABLE filings', "') FORMAT JSON --", "1 UNION SELECT 1",
  '%', '_', '\\', '😀🏠', '\u0000', 'a\u0000b', '\u202e',
]
const IDS = ['0', '-1', '99999999999', '999999999999999999999', 'abc', '1;DROP', '1.5', '%00', '%20', '1e3', "1'", '１']
const RAW_BODIES = ['{', '{"a":', 'null', '[]', '"text"', '123', '{"estate_id":1,}', HUGE, '\u0000', '{"__proto__":{"admin":true}}']
const CONTENT_TYPES: [string, string][] = [
  ['text/plain', 'estate_id=1'],
  ['application/x-www-form-urlencoded', 'estate_id[]=1&estate_id[a]=2&kind=%00'],
  ['application/xml', '<a>1</a>'],
  ['multipart/form-data; boundary=xyz', '--xyz\r\nbroken'],
  ['application/json; charset=latin1', '{"a":1}'],
]

/** a (harmless) body for each known write route; unknown routes get GENERIC_FIELDS */
const SAMPLES: Record<string, { params?: Record<string, number | string>; body: Record<string, unknown> }> = {
  'api.filings.store': { body: { estate_id: E.e1, kind: 'assembly', document_no: 'FUZZ', filed_on: '2026-11-01' } },
  'api.filings.update': { params: { id: 1 }, body: { status: 'expired', version: 1, remark: 'fuzz' } },
  'api.filings.destroy': { params: { id: 1 }, body: { version: 1, remark: 'fuzz' } },
  'api.session.store': { body: { phone: '13900000099', password: 'Fuzz@2026x', code: '000000' } },
  // 节假日日历 (fuzzed as the city admin): a 调休 on a Wednesday, a day not in the calendar, an unentered year
  // 街道社区评价 (as 桂园's handler: evaluation 5 is 桂园新村's 2026 H1, closed on the fuzz's fixed date)
  'api.evaluations.submit': { params: { id: 5 }, body: { version: 1, scores: { service: 20 }, remark: 'fuzz' } },
  'api.evaluations.review': { params: { id: 5 }, body: { version: 1, scores: { service: 20 }, opinion: 'fuzz' } },
  // 评分模板 (as the city admin): weights that do not sum to 100, the active template 1 (locked)
  'api.evaluation_templates.store': { body: { name: 'fuzz', items: [{ key: 'a', name: 'A', maxScore: 10, weight: 10 }] } },
  'api.evaluation_templates.update': { params: { id: 1 }, body: { name: 'fuzz', items: [{ key: 'a', name: 'A', maxScore: 10, weight: 10 }], version: 1 } },
  'api.evaluation_templates.activate': { params: { id: 1 }, body: { version: 1 } },
  'api.evaluation_templates.destroy': { params: { id: 1 }, body: {} },
  'api.calendar.days_upsert': { params: { date: '2099-03-04' }, body: { kind: 'workday', name: 'fuzz' } },
  'api.calendar.days_destroy': { params: { date: '2099-03-04' }, body: {} },
  'api.calendar.years_update': { params: { year: 2099 }, body: { published: true } },
  // 通知发布 (as 桂园's handler): a publish to 园岭's e1 (not their street: a field error), an upload
  // without a multipart body, a 催办 of 园岭's notice 1 (seedNotices: a 404)
  'api.notices.store': { body: { title: 'fuzz', body: '<p>fuzz</p>', audience: 'both', estate_scope: 'chosen', estate_ids: [E.e1], attachments: [] } },
  'api.notice_attachments.upload': { body: { file: 'fuzz' } },
  'api.notices.urge': { params: { id: 1 }, body: {} },
  // 导出中心 (as 园岭's party secretary, who holds no export feature: see ACTORS): every variant is
  // refused — a hostile field 422, the table not hers to export 422, another street's region 404 — nothing queued
  'api.exports.store': { body: { module: 'evaluations', kind: 'records', region_id: R.gy1, query: { q: 'fuzz' } } },
  'api.export_subscriptions.store': { body: { module: 'evaluations', region_id: R.gy1, frequency: 'weekly', weekday: 1, month_day: 1, time_of_day: '08:00' } },
  // 我的消息 (as 桂园's handler, who has no messages): 全部已读 of one kind marks nothing
  'api.messages.read_all': { body: { kind: 'notice' } },
  // 车位信息: 提醒更新 as 罗湖's district admin (桂园新村 has no project manager: nobody is messaged);
  // the spaces as 南园's project manager, on 园岭's e1 (not theirs: a 404) or a space that does not exist
  'api.parking.remind': { body: { region_id: R.gy1 } },
  'api.estate_parking.store': { params: { id: E.e1 }, body: { kind: 'owned', code: 'FUZZ', location: 'fuzz', status: 'in_use' } },
  // 信用信息: a record of a subject that does not exist (a valid body is a harmless 404)
  'api.credit_records.store': { params: { id: 999999 }, body: { polarity: 'bad', category: 'penalty', severity: 'minor', decided_on: '2026-11-01', source: 'FUZZ', document_no: 'FUZZ' } },
  // 修改 / 删除 (as 福田's bureau, which holds credit.manage, so the input reaches the validators) of a
  // record that does not exist (a valid body is a harmless 404); an upload without a multipart body
  'api.credit_records.update': { params: { id: 999999 }, body: { polarity: 'bad', category: 'penalty', severity: 'minor', decided_on: '2026-11-01', source: 'FUZZ', document_no: 'FUZZ', version: 1 } },
  'api.credit_records.destroy': { params: { id: 999999 }, body: { version: 1 } },
  'api.credit_attachments.upload': { body: { file: 'fuzz' } },
  // 物业区域管理 · 设施设备 (as 桂园's handler): a new one in 园岭's e1 (not theirs: a 404), changes of an unknown id,
  // an import without a multipart body
  'api.equipment.store': { body: { estate_id: E.e1, code: 'FUZZ', name: 'fuzz', category: 'other', location: 'fuzz', quantity: 1, status: 'normal' } },
  'api.equipment.update': { params: { id: 999999 }, body: { name: 'fuzz', status: 'normal', version: 1 } },
  'api.equipment.destroy': { params: { id: 999999 }, body: { version: 1 } },
  'api.equipment_imports.store': { body: { file: 'fuzz' } },
  'api.estate_parking.update': { params: { id: 999999 }, body: { kind: 'owned', code: 'FUZZ', status: 'idle', version: 1 } },
  'api.estate_parking.destroy': { params: { id: 999999 }, body: { version: 1 } },
  // 从业人员信息: 提醒更新 as 罗湖's district admin (桂园新村 has no project manager: nobody is messaged);
  // the staff as 南园's project manager, on 园岭's e1 (not theirs: a 404) or a practitioner that does not exist
  'api.staff.remind': { body: { region_id: R.gy1 } },
  'api.estate_staff.store': { params: { id: E.e1 }, body: { name: 'FUZZ', id_number: '440304199001011234', phone: '13600000001', post: 'security', certificates: [] } },
  'api.estate_staff.update': { params: { id: 999999 }, body: { name: 'FUZZ', id_number: '440304199001011234', phone: '13600000001', post: 'security', version: 1 } },
  'api.estate_staff.destroy': { params: { id: 999999 }, body: { version: 1 } },
  'api.estate_staff.confirm': { params: { id: E.e1 }, body: {} },
  // 宣传培训 (courses as the city admin): a course claiming a file nobody uploaded (a field error), an
  // upload without a multipart body, a course that does not exist; progress as 桂园's handler, who is no learner (404)
  'api.training_media.upload': { body: { file: 'fuzz' } },
  'api.training_courses.store': { body: { title: 'fuzz', kind: 'document', audience: 'all', duration_minutes: 10, media_token: '00000000-0000-4000-8000-000000000000' } },
  'api.training_courses.update': { params: { id: 999999 }, body: { title: 'fuzz', audience: 'all', duration_minutes: 10, version: 1 } },
  'api.training_progress.store': { params: { id: 999999 }, body: { progress: 10 } },
  // 平安建设 (seedSafety): 园岭一社区's assessment as 桂园's handler (out of reach: a 404); items as the city
  // admin for this year, which has scores (always a 422: fixed), and an item that does not exist
  'api.safety_assessments.update': { params: { id: SA.yl1.disputes }, body: { status: 'in_progress', score: 10, remark: 'fuzz', version: 1 } },
  'api.safety_items.store': { body: { year: 2026, title: 'fuzz', description: 'fuzz', max_score: 10, sort_order: 1 } },
  'api.safety_items.update': { params: { id: 999999 }, body: { title: 'fuzz', description: 'fuzz', max_score: 10, sort_order: 1 } },
  // 纠纷化解台账 (seedDisputes): 录入 as 罗湖's bureau on 园岭's e1 (out of reach: a 404), an upload
  // without a multipart body; the steps as 桂园's handler on 园岭's dispute 1 (a 404)
  'api.disputes.store': { body: { estate_id: E.e1, dispute_type: 'other', title: 'fuzz', parties: 'fuzz', summary: 'fuzz', reported_on: '2026-11-01', attachments: [] } },
  'api.dispute_attachments.upload': { body: { file: 'fuzz' } },
  'api.disputes.transfer': { params: { id: 1 }, body: { version: 3 } },
  'api.disputes.handle': { params: { id: 1 }, body: { version: 3, handled_on: '2026-11-01', measures: 'fuzz', progress: 'fuzz' } },
  'api.disputes.apply_close': { params: { id: 1 }, body: { version: 3, result: 'fuzz' } },
  'api.disputes.confirm_close': { params: { id: 1 }, body: { version: 3 } },
  'api.disputes.return': { params: { id: 1 }, body: { version: 3, opinion: 'fuzz' } },
  // two fields with one code: refused by the service whatever else the input holds (nothing is added)
  'api.disclosure_templates.store': { body: { code: 'fuzz', name: 'fuzz', active: true, fields: [{ key: 'a', label: 'A', type: 'text', required: true }, { key: 'a', label: 'B', type: 'text', required: true }] } },
  'api.disclosure_templates.update': { params: { id: 999999 }, body: { code: 'fuzz', name: 'fuzz', active: true, fields: [{ key: 'a', label: 'A', type: 'text', required: true }], version: 1 } },
  'api.disclosures.preview': { body: { template_id: 3, estate_id: E.e5, title: 'fuzz', fields: { content: '<p>fuzz</p>' } } },
  'api.disclosures.store': { body: { template_id: 3, estate_id: E.e1, title: 'fuzz', fields: { content: '<p>fuzz</p>' } } },
  'api.disclosures.update': { params: { id: 999999 }, body: { template_id: 3, estate_id: E.e5, title: 'fuzz', fields: { content: '<p>fuzz</p>' }, version: 1 } },
  'api.disclosures.publish': { params: { id: 999999 }, body: { version: 1 } },
  'api.disclosures.void': { params: { id: 999999 }, body: { version: 1, reason: 'fuzz' } },
  'api.disclosures.destroy': { params: { id: 999999 }, body: { version: 1 } },
  'api.proxy_governances.store': { body: { estate_id: E.e5, reason: 'fuzz', content: '<p>fuzz</p>' } },
  'api.proxy_governances.decline': { params: { id: 999999 }, body: { version: 1, remark: 'fuzz', content: '<p>fuzz</p>' } },
  'api.proxy_governances.appoint': { params: { id: 999999 }, body: { version: 1, remark: 'fuzz', agent: 'fuzz', content: '<p>fuzz</p>' } },
  'api.proxy_governances.terminate': { params: { id: 999999 }, body: { version: 1, remark: 'fuzz', content: '<p>fuzz</p>' } },
}

/**
 * Routes tried a second time with the extremes by an actor who can reach the object, so a bad value gets
 * past the scope check to the database (the probe's `version` 2147483648 → 500 hid behind a 404 here).
 * The base body carries a stale version: an otherwise valid request is a 409 and changes nothing.
 */
const IN_SCOPE: Record<string, { who: WorldUser; body: Record<string, unknown> }> = {
  'api.filings.update': { who: 'handler', body: { status: 'expired', version: 999, remark: 'fuzz' } },
  'api.filings.destroy': { who: 'handler', body: { version: 999, remark: 'fuzz' } },
  'api.safety_assessments.update': { who: 'handler', body: { status: 'in_progress', score: 10, remark: 'fuzz', version: 999 } },
  'api.disputes.handle': { who: 'handler', body: { version: 999, handled_on: '2026-11-01', measures: 'fuzz', progress: 'fuzz' } },
  'api.disputes.apply_close': { who: 'handler', body: { version: 999, result: 'fuzz' } },
}
/** who sends a route's inputs when not 桂园's handler (default) or the city admin (the city's tools) */
const ACTORS: Record<string, WorldUser> = {
  'api.exports.store': 'party', 'api.export_subscriptions.store': 'party',
  'api.training_media.upload': 'city', 'api.training_courses.store': 'city', 'api.training_courses.update': 'city',
  'api.safety_items.store': 'city', 'api.safety_items.update': 'city',
  'api.disputes.store': 'luohu', 'api.disputes.transfer': 'luohu', 'api.disputes.confirm_close': 'luohu', 'api.disputes.return': 'luohu',
  'api.disclosure_templates.store': 'city', 'api.disclosure_templates.update': 'city',
  'api.credit_records.store': 'futian', 'api.credit_records.update': 'futian', 'api.credit_records.destroy': 'futian', 'api.credit_attachments.upload': 'futian',
  'api.parking.remind': 'luohu', 'api.estate_parking.store': 'nanyuanManager', 'api.estate_parking.update': 'nanyuanManager', 'api.estate_parking.destroy': 'nanyuanManager',
  'api.staff.remind': 'luohu', 'api.estate_staff.store': 'nanyuanManager', 'api.estate_staff.update': 'nanyuanManager', 'api.estate_staff.destroy': 'nanyuanManager', 'api.estate_staff.confirm': 'nanyuanManager',
}

const GENERIC_FIELDS = ['id', 'phone', 'password', 'code', 'name', 'role', 'region_id', 'features', 'status', 'version', 'remark', 'estate_id']

/** the query filters of a GET route are its declared `query` keys (core/src/modules); undeclared → GENERIC_QUERY */
const GENERIC_QUERY = ['id', 'q', 'page', 'per_page', 'region_id', 'code', 'state']

const TABLES = ['filings', 'filing_events', 'outbox_events', 'users', 'estates', 'regions', 'calendar_years', 'calendar_days',
  'evaluations', 'evaluation_templates', 'evaluation_periods', 'workflow_events', 'todos',
  'notices', 'notice_estates', 'notice_receipts', 'notice_urges', 'notice_attachments', 'messages', 'message_deliveries',
  'export_runs', 'export_subscriptions', 'parking_spaces', 'estate_parking_profiles',
  'training_courses', 'learning_records', 'practitioners', 'practitioner_certificates', 'estate_staff_confirmations',
  'party_organizations', 'committee_members', 'red_property_projects', 'opinion_collections', 'opinion_responses',
  'safety_items', 'safety_assessments', 'disputes', 'dispute_attachments', 'equipment', 'equipment_imports']
const CJK = /[\u3400-\u9fff]/

async function counts() {
  const out: Record<string, number> = {}
  for (const table of TABLES) out[table] = Number((await db.from(table).count('* as n'))[0].n)
  return out
}

function apiRoutes() {
  router.commit()
  return (Object.values(router.toJSON()).flat() as any[]).filter((route) => route.name?.startsWith('api.'))
}

function pathOf(pattern: string, params: Record<string, string | number>) {
  return pattern.replace(/:(\w+)\??/g, (_m, name) => (name in params ? String(params[name]) : '99999'))
}

const qsEncode = (key: string, value: string) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`

test.group('Bad input fuzz', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    // a fixed day outside any evaluation window, with the (closed) 2026 H1 evaluations in place
    clock.travelTo('2026-11-28T10:00:00+08:00')
    await new EvaluationPeriodService().open({ year: 2026, half: 1 })
    await seedNotices()
    await seedDisputes()
    await seedSafety()
    // 权限管理 keeps a street handler's features per account: give the world's handler its defaults
    const grants = await db.rawQuery(`SELECT to_regclass('public.user_features') AS t`)
    if (grants.rows[0].t) {
      await db.rawQuery(
        `INSERT INTO user_features (user_id, feature)
         SELECT u, f FROM unnest(ARRAY[5, 8]) AS u CROSS JOIN unnest(ARRAY['filings.view','filings.export','filings.manage','projects.view','projects.export']) AS f
         ON CONFLICT DO NOTHING`
      )
    }
    return () => clock.reset()
  })

  test('no route answers hostile input with a 5xx, an untranslated error or a change', async ({ client, assert }) => {
    const before = await counts()
    const auditBefore = Number((await db.from('audit_logs').count('* as n'))[0].n)
    const actors: Partial<Record<WorldUser, Awaited<ReturnType<typeof actor>>>> = {
      guiyuan: await actor('guiyuan'),
      city: await actor('city'),
      handler: await actor('handler'),
      party: await actor('party'),
      luohu: await actor('luohu'),
      futian: await actor('futian'),
      nanyuanManager: await actor('nanyuanManager'),
    }
    const failures: string[] = []
    let tried = 0

    async function send(route: any, label: string, build: (request: any) => any, path: string, as?: WorldUser) {
      const method = (route.methods[0] as string).toLowerCase()
      const who: WorldUser = as ?? ACTORS[route.name] ?? (['api.audit_logs.', 'api.calendar.', 'api.evaluation_templates.'].some((prefix) => route.name.startsWith(prefix)) ? 'city' : 'guiyuan')
      let request = (client as any)[method](path)
      if (method !== 'get' && method !== 'head') request = request.withCsrfToken()
      request = build(request.loginAs(actors[who]!)).timeout(15_000)
      tried++
      let response
      try {
        response = await request
      } catch (error) {
        failures.push(`${route.name} ${label}: request failed ${(error as Error).message}`)
        return
      }
      const status = response.status()
      if (status >= 500) {
        failures.push(`${route.name} ${label}: ${status} ${JSON.stringify(response.body()).slice(0, 200)}`)
      } else if (status >= 400) {
        const message = response.body()?.errors?.[0]?.message
        if (typeof message !== 'string' || !CJK.test(message)) {
          failures.push(`${route.name} ${label}: ${status} without a Chinese message: ${JSON.stringify(response.body()).slice(0, 200)}`)
        }
      }
    }

    const short = (value: unknown) => (value === OVER_DOUBLE ? '1e309' : (JSON.stringify(value)?.slice(0, 30) ?? String(value)))

    for (const route of apiRoutes()) {
      const method = route.methods[0] as string
      const hasParams = /:\w+/.test(route.pattern)
      const sample = SAMPLES[route.name]
      const basePath = pathOf(route.pattern, sample?.params ?? {})

      if (method === 'GET' || method === 'HEAD') {
        const keys = routeByName(route.name.replace(/^api\./, ''))?.query ?? GENERIC_QUERY
        for (const key of keys) {
          for (const value of [...QUERY_VALUES, ...QUERY_EXTREMES]) {
            await send(route, `?${key}=${short(value)}`, (r) => r.qs(qsEncode(key, value)), basePath)
          }
          await send(route, `?${key}[]`, (r) => r.qs(`${key}[]=1&${key}[]=2`), basePath)
          await send(route, `?${key}[a]`, (r) => r.qs(`${key}[a]=1&${key}[b][c]=2`), basePath)
          await send(route, `?${key} twice`, (r) => r.qs(`${key}=1&${key}=abc`), basePath)
        }
        if (keys.length) await send(route, 'all filters hostile', (r) => r.qs(keys.map((k) => qsEncode(k, "' OR 1=1 --")).join('&')), basePath)
      } else {
        const base = sample?.body ?? Object.fromEntries(GENERIC_FIELDS.map((field) => [field, 'fuzz']))
        const fields = Object.keys(base)
        for (const field of fields) {
          for (const value of VALUES) {
            await send(route, `${field}=${short(value)}`, (r) => r.json({ ...base, [field]: value }), basePath)
          }
          for (const value of EXTREMES) {
            const body = bodyWith(base, field, value)
            await send(route, `${field}=${short(value)} (extreme)`, (r) => ('raw' in body ? r.unsafeJson(body.raw) : r.json(body.json)), basePath)
          }
          const { [field]: _dropped, ...rest } = base
          await send(route, `missing ${field}`, (r) => r.json(rest), basePath)
        }
        await send(route, 'empty body', (r) => r.json({}), basePath)
        await send(route, 'extra fields', (r) => r.json({ ...base, id: 1, created_by: 1, admin: true, constructor: { prototype: {} } }), basePath)
        await send(route, 'array body', (r) => r.json([base]), basePath)
        for (const raw of RAW_BODIES) await send(route, `raw json ${short(raw)}`, (r) => r.unsafeJson(raw), basePath)
        for (const [type, raw] of CONTENT_TYPES) {
          await send(route, `content-type ${type}`, (r) => { r.type(type); r.request.send(raw); return r }, basePath)
        }
        await send(route, 'huge query', (r) => r.json(base).qs(qsEncode('q', HUGE)), basePath)

        const reachable = IN_SCOPE[route.name]
        if (reachable) {
          for (const field of Object.keys(reachable.body)) {
            for (const value of EXTREMES) {
              const body = bodyWith(reachable.body, field, value)
              await send(route, `${field}=${short(value)} (extreme, in scope)`, (r) => ('raw' in body ? r.unsafeJson(body.raw) : r.json(body.json)), basePath, reachable.who)
            }
          }
        }
      }

      if (hasParams) {
        for (const id of IDS) {
          const path = route.pattern.replace(/:(\w+)\??/g, () => id)
          await send(route, `path ${id}`, (r) => (method === 'GET' ? r : r.json(sample?.body ?? {})), path)
        }
      }
    }

    console.log(`bad input fuzz: ${tried} inputs over ${apiRoutes().length} routes, ${failures.length} failures`)
    // one line per kind of failure (route + what came back), with how often and one input that caused it
    const kinds = new Map<string, { count: number; example: string }>()
    for (const failure of failures) {
      const [head, ...rest] = failure.split(': ')
      const kind = `${head.split(' ')[0]} ${rest.join(': ').slice(0, 120)}`
      const entry = kinds.get(kind) ?? { count: 0, example: head }
      entry.count++
      kinds.set(kind, entry)
    }
    const summary = [...kinds].map(([kind, { count, example }]) => `${count}× ${kind} (e.g. ${example})`)
    assert.deepEqual(summary.slice(0, 60), [])
    assert.deepEqual(await counts(), before)
    assert.isAbove(Number((await db.from('audit_logs').count('* as n'))[0].n), auditBefore)
  // ~22k requests over ~95 routes (about 6 min alone on 2 cores); a limit, not a speed assertion
  }).timeout(1_200_000)
})
