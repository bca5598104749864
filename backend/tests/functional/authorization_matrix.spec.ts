import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { R, E, USERS, resetWorld, type WorldUser } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { NOTICE_ATTACHMENT_IN, NOTICE_IN, seedNotices } from '#tests/support/notices'
import { DISPUTE_IN, seedDisputes } from '#tests/support/disputes'
import { A, seedCommonFunds } from '#tests/support/common_funds'
import { CR, S as CREDIT_SUBJECT, seedCredit } from '#tests/support/credit'
import { A as SA, seedSafety } from '#tests/support/safety'
import { OPINION, seedPartyBuilding } from '#tests/support/party_building'
import { API_ROUTES, routeFeatures } from '@szpm/core'
import { featuresOf, userFeatures } from '#services/roles'
import { loadGrantedFeatures } from '#modules/users/account_service'
import clock from '#services/clock'
import EvaluationPeriodService from '#modules/evaluations/evaluation_period_service'

/**
 * Every declared API route × every role (and anonymous) × an object in the user's own street, a
 * sibling street and another district. What each cell must answer is derived from the module
 * declarations (core/src/modules): anonymous → 401 on every non-public route; a role holding none
 * of the route's features → 403; a `scoped` route outside the role's reach → 404; otherwise the
 * route's business outcome (200 unless OUTCOMES says otherwise, e.g. a harmless 422 for a write).
 *
 * TARGETS says how to call a route in each place; a declared route without one fails the first
 * test, so a new module's routes must join it.
 */
type Place = 'own' | 'sibling' | 'otherDistrict'

interface RouteCase {
  /** request parameters for an object in each place */
  target: (place: Place) => { params?: Record<string, number | string>; qs?: Record<string, number>; json?: Record<string, unknown> }
  /** the business outcome per role where it is not 200 (403 = the process itself refuses the role) */
  outcome?: Partial<Record<WorldUser, number>>
}

const ESTATE_IN: Record<Place, number> = { own: E.e1, sibling: E.e4, otherDistrict: E.e5 }
const REGION_IN: Record<Place, number> = { own: R.yl1, sibling: R.ny1, otherDistrict: R.gy1 }
const FILING_IN: Record<Place, number> = { own: 1, sibling: 5, otherDistrict: 6 }
const USER_IN: Record<Place, number> = { own: USERS.handler.id, sibling: USERS.nanyuan.id, otherDistrict: USERS.guiyuan.id }
const NEW_PHONE: Record<Place, string> = { own: '13611110001', sibling: '13611110002', otherDistrict: '13611110003' }
const everyone = (status: number) => ({
  city: status, futian: status, head: status, handler: status, party: status, community: status, manager: status, director: status, nanyuanManager: status,
})

// 街道社区评价: the world's evaluations of 2026 H1 (ids follow estate ids); on the matrix's fixed
// date (2026-11-28) that window is closed, so a permitted submit / review is a harmless 422
const EVALUATION_IN: Record<Place, number> = { own: E.e1, sibling: E.e4, otherDistrict: E.e5 }
const VALID_TEMPLATE = { name: '矩阵模板', items: [{ key: 'all', name: '综合', description: '', maxScore: 100, weight: 100 }] }
const none = () => ({})
const inRegion = (p: Place) => ({ qs: { region_id: REGION_IN[p] } })
/** 共有资金: the account of each place's estate (tests/support/common_funds.ts) */
const FUND_ACCOUNT_IN: Record<Place, number> = { own: A.e1, sibling: A.e4, otherDistrict: A.e5 }
/** 信用信息: a person of each place's estate (tests/support/credit.ts) */
const CREDIT_SUBJECT_IN: Record<Place, number> = { own: CREDIT_SUBJECT.leader, sibling: CREDIT_SUBJECT.supervisor, otherDistrict: CREDIT_SUBJECT.director }
/** 信用信息: a record on each place's estate (a person's on e1 and e5, the company's on e4) */
const CREDIT_RECORD_IN: Record<Place, number> = { own: CR.courtJudgment, sibling: CR.happyEstate, otherDistrict: CR.bottomTen }
const CREDIT_CHANGE = { polarity: 'bad', category: 'rectification', severity: 'minor', decided_on: '2026-11-20', source: '矩阵', document_no: '矩阵', version: 999 }
/** 民意征集: a collection of each place's street (tests/support/party_building.ts) */
const OPINION_IN: Record<Place, number> = { own: OPINION.yuanlingLift, sibling: OPINION.nanyuan, otherDistrict: OPINION.guiyuan }

/** 设施设备 numbers added by the matrix (unique per call) */
let equipmentCodes = 0
/** 信息公开: a valid template (the city's first cell adds it, the later ones are a harmless 422) */
const MATRIX_TEMPLATE = { code: 'matrix', name: '矩阵模板', active: true, fields: [{ key: 'content', label: '内容', type: 'richtext', required: true }] }

const TARGETS: Record<string, RouteCase> = {
  'session.csrf': { target: none },
  'session.store': { target: none },
  'session.sms': { target: none },
  'session.captcha': { target: none },
  'wechat.authorize': { target: none },
  'wechat.callback': { target: none },
  'identity.sms': { target: none },
  'identity.bind': { target: none },
  'session.destroy_all': { target: none },
  'session.show': { target: none },
  'session.destroy': { target: none },
  'filing_stats.index': { target: inRegion },
  'filing_stats.export': { target: inRegion },
  'evaluation_stats.index': { target: inRegion },
  'evaluation_stats.export': { target: inRegion },
  'estate_filings.index': { target: inRegion },
  'estate_filings.export': { target: inRegion },
  'estates.show': { target: (p) => ({ params: { id: ESTATE_IN[p] } }) },
  'filings.index': { target: (p) => ({ params: { id: ESTATE_IN[p] } }) },
  'filings.store': {
    target: (p) => ({ json: { estate_id: ESTATE_IN[p], kind: 'assembly', document_no: 'MATRIX', filed_on: '2026-11-01' } }),
    outcome: { head: 201, handler: 201 },
  },
  'project_stats.index': { target: inRegion },
  'project_stats.export': { target: inRegion },
  'estates.index': { target: inRegion },
  'estates.export': { target: inRegion },
  'filings.update': { target: (p) => ({ params: { id: FILING_IN[p] }, json: { status: 'expired', version: 1 } }) },
  'filings.destroy': { target: (p) => ({ params: { id: FILING_IN[p] }, json: { version: 1, remark: 'matrix' } }) },
  'audit_logs.index': { target: none },
  'audit_logs.export': { target: none },
  // 头像 menu: wrong password / an already-used phone make the writes harmless 422s
  'account.update': { target: () => ({ json: { name: '矩阵改名' } }) },
  'account.phone_code': { target: () => ({ json: { phone: USERS.head.phone } }), outcome: everyone(422) },
  'account.unbind_wechat': { target: none },
  'account.deregister': { target: () => ({ json: { password: 'Wrong-pass-1' } }), outcome: everyone(422) },
  'users.index': { target: inRegion },
  'users.export': { target: inRegion },
  'users.stats': { target: inRegion },
  'users.stats_list': { target: (p) => ({ params: { category: 'communities', metric: 'accounts' }, qs: { region_id: REGION_IN[p] } }) },
  'users.stats.export': { target: inRegion },
  'users.stats_list.export': { target: (p) => ({ params: { category: 'communities', metric: 'accounts' }, qs: { region_id: REGION_IN[p] } }) },
  'users.show': { target: (p) => ({ params: { id: USER_IN[p] } }) },
  'users.options': { target: none },
  // the bureaus above a street preset only heads: a community handler is a 422 for them
  'users.store': {
    target: (p) => ({ json: { name: '矩阵新增', phone: NEW_PHONE[p], role: 'community_handler', region_id: REGION_IN[p], features: ['filings.view'] } }),
    outcome: { head: 201, city: 422, futian: 422 },
  },
  // only the head that manages the account grants its features; it grants the handler's own
  // defaults again, so the cells after it still see the world's features
  'users.update_features': {
    target: (p) => ({ params: { id: USER_IN[p] }, json: { features: featuresOf('street_handler') } }),
    outcome: { city: 404, futian: 404 },
  },
  // 待办事项: everyone's own inbox
  'todos.index': { target: none },
  'todos.counts': { target: none },
  'todos.export': { target: none },
  // 我的消息: everyone's own inbox; another's message (or none) is a 404
  'messages.index': { target: none },
  'messages.unread_count': { target: none },
  'messages.export': { target: none },
  'messages.read_all': { target: () => ({ json: {} }) },
  'messages.show': { target: () => ({ params: { id: 2147483000 } }), outcome: everyone(404) },
  // 街道社区评价: scoring is community work, review the street handler's (the head holds the feature but not the step)
  'evaluations.periods': { target: none },
  'evaluations.index': { target: (p) => ({ qs: { region_id: REGION_IN[p], year: 2026, half: 1 } }) },
  'evaluations.export': { target: (p) => ({ qs: { region_id: REGION_IN[p], year: 2026, half: 1 } }) },
  'evaluations.show': { target: (p) => ({ params: { id: EVALUATION_IN[p] } }) },
  'evaluations.submit': {
    target: (p) => ({ params: { id: EVALUATION_IN[p] }, json: { version: 1, scores: { service: 20 } } }),
    outcome: { community: 422, head: 403, handler: 403 },
  },
  'evaluations.review': {
    target: (p) => ({ params: { id: EVALUATION_IN[p] }, json: { version: 1, scores: { service: 20 }, opinion: '矩阵' } }),
    outcome: { handler: 422, head: 403, community: 403 },
  },
  // 评分模板 (city only): the active template (id 1) cannot be edited or deleted, so those are 422s
  'evaluation_templates.index': { target: none },
  'evaluation_templates.export': { target: none },
  'evaluation_templates.store': { target: () => ({ json: VALID_TEMPLATE }), outcome: { city: 201 } },
  'evaluation_templates.update': { target: () => ({ params: { id: 1 }, json: { ...VALID_TEMPLATE, version: 1 } }), outcome: { city: 422 } },
  'evaluation_templates.activate': { target: () => ({ params: { id: 1 }, json: { version: 1 } }) },
  'evaluation_templates.destroy': { target: () => ({ params: { id: 1 } }), outcome: { city: 422 } },
  // 节假日日历 (city only): the writes are harmless for the city (a 调休 on a Wednesday is a 422, a
  // day not in the calendar a 404, publishing an unentered year a 422), so the seed is untouched
  'calendar.years': { target: none },
  'calendar.days': { target: () => ({ qs: { year: 2026 } }) },
  'calendar.days.export': { target: () => ({ qs: { year: 2026 } }) },
  'calendar.days_upsert': { target: () => ({ params: { date: '2099-03-04' }, json: { kind: 'workday', name: '矩阵' } }), outcome: { city: 422 } },
  'calendar.days_destroy': { target: () => ({ params: { date: '2099-03-04' } }), outcome: { city: 404 } },
  'calendar.years_update': { target: () => ({ params: { year: 2099 }, json: { published: true } }), outcome: { city: 422 } },
  // 通知发布 (seedNotices: one notice per place, with one attachment; recipients only in 园岭 and 南园).
  // A publish to the own street's e1 reaches its manager and director (201), elsewhere a field error;
  // an upload without a multipart body is a 422; the recipient's view answers its recipients only.
  'notices.index': { target: inRegion },
  'notices.export': { target: inRegion },
  'notices.estates': { target: none },
  'notices.store': {
    target: (p) => ({ json: { title: '矩阵通知', body: '<p>矩阵</p>', audience: 'both', estate_scope: 'chosen', estate_ids: [ESTATE_IN[p]] } }),
    outcome: { head: 201, handler: 201 },
  },
  'notice_attachments.upload': { target: none, outcome: { head: 422, handler: 422 } },
  'notices.show': { target: (p) => ({ params: { id: NOTICE_IN[p] } }) },
  'notice_recipients.export': { target: (p) => ({ params: { id: NOTICE_IN[p] } }) },
  'notices.urge': { target: (p) => ({ params: { id: NOTICE_IN[p] }, json: {} }) },
  'received_notices.show': { target: (p) => ({ params: { id: NOTICE_IN[p] } }), outcome: { ...everyone(404), manager: 200, director: 200, nanyuanManager: 200 } },
  'notice_attachments.download': {
    target: (p) => ({ params: { id: NOTICE_IN[p], attachmentId: NOTICE_ATTACHMENT_IN[p] } }),
    outcome: { party: 404, community: 404 },
  },
  // 通知阅读统计 (warehouse) and 查看全部统计 of a notice: the seeded notice of each place, its estate
  'notice_statistics.index': { target: inRegion },
  'notice_receipts.index': { target: inRegion },
  'notice_receipts.export': { target: inRegion },
  'notice_statistics.export': { target: inRegion },
  'notice_stats.show': { target: (p) => ({ params: { id: NOTICE_IN[p] } }) },
  'notice_stats.export': { target: (p) => ({ params: { id: NOTICE_IN[p] } }) },
  'notice_recipient_stats.index': { target: (p) => ({ params: { id: NOTICE_IN[p] }, qs: { estate_id: ESTATE_IN[p] } }) },
  'notice_recipient_stats.export': { target: (p) => ({ params: { id: NOTICE_IN[p] }, qs: { estate_id: ESTATE_IN[p] } }) },
  // 车位信息: statistics, records and 提醒更新, all by region
  'parking_stats.index': { target: inRegion },
  'parking_stats.export': { target: inRegion },
  'parking_spaces.index': { target: inRegion },
  'parking_spaces.export': { target: inRegion },
  'parking_estates.index': { target: inRegion },
  'parking_estates.export': { target: inRegion },
  'parking.remind': { target: (p) => ({ json: { region_id: REGION_IN[p] } }) },
  // the estate's 项目经理 keeps its spaces: another estate (or a director) is a 404, an unknown space too
  'estate_parking.index': { target: (p) => ({ params: { id: ESTATE_IN[p] } }), outcome: { director: 404 } },
  'estate_parking.store': { target: (p) => ({ params: { id: ESTATE_IN[p] }, json: { kind: 'owned', code: `MATRIX-${p}` } }), outcome: { manager: 201, nanyuanManager: 201, director: 404 } },
  'estate_parking.update': { target: () => ({ params: { id: 999999 }, json: { status: 'idle', version: 1 } }), outcome: everyone(404) },
  'estate_parking.destroy': { target: () => ({ params: { id: 999999 }, json: { version: 1 } }), outcome: everyone(404) },
  'estate_parking.export': { target: (p) => ({ params: { id: ESTATE_IN[p] } }), outcome: { director: 404 } },
  // 从业人员信息: statistics, records and 提醒更新 by region (a region with nothing to remind, or reminded
  // already, is a harmless 422 / 409); the estate's staff is its 项目经理's (the director of e1 is a 404);
  // an unknown practitioner is a 404
  'staff_stats.index': { target: inRegion },
  'staff_stats.export': { target: inRegion },
  'staff_records.index': { target: inRegion },
  'staff_records.export': { target: inRegion },
  'staff_estates.index': { target: inRegion },
  'staff_estates.export': { target: inRegion },
  'staff.remind': { target: (p) => ({ json: { region_id: REGION_IN[p] } }) },
  'estate_staff.index': { target: (p) => ({ params: { id: ESTATE_IN[p] } }), outcome: { director: 404 } },
  'estate_staff.store': {
    target: (p) => ({ params: { id: ESTATE_IN[p] }, json: { name: '矩阵员工', id_number: '440304199001011234', phone: '13600000001', post: 'security' } }),
    outcome: { manager: 201, nanyuanManager: 201, director: 404 },
  },
  'estate_staff.update': {
    target: () => ({ params: { id: 999999 }, json: { name: '矩阵员工', id_number: '440304199001011234', phone: '13600000001', post: 'security', version: 1 } }),
    outcome: everyone(404),
  },
  'estate_staff.destroy': { target: () => ({ params: { id: 999999 }, json: { version: 1 } }), outcome: everyone(404) },
  'estate_staff.confirm': { target: (p) => ({ params: { id: ESTATE_IN[p] }, json: {} }), outcome: { director: 404 } },
  'estate_staff.export': { target: (p) => ({ params: { id: ESTATE_IN[p] } }), outcome: { director: 404 } },
  // 宣传培训: statistics and records by region; courses are city-wide (kept by the city and district
  // administrators: an empty create or a request without a file is a harmless 422, an unknown course a
  // 404); the learner routes answer any signed-in user, an unknown course a 404
  'training_statistics.index': { target: inRegion },
  'training_statistics.export': { target: inRegion },
  'training_records.index': { target: inRegion },
  'training_records.export': { target: inRegion },
  'training_courses.index': { target: none },
  'training_courses.export': { target: none },
  'training_media.upload': { target: none, outcome: { city: 422, futian: 422 } },
  'training_courses.store': { target: () => ({ json: {} }), outcome: { city: 422, futian: 422 } },
  'training_courses.update': {
    target: () => ({ params: { id: 999999 }, json: { title: '矩阵课程', audience: 'all', duration_minutes: 10, version: 1 } }),
    outcome: { city: 404, futian: 404 },
  },
  'training_courses.media': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'training_learning.index': { target: none },
  'training_progress.store': { target: () => ({ params: { id: 999999 }, json: { progress: 10 } }), outcome: everyone(404) },
  // 共有资金情况: statistics, records and 共享银行统计 by region; 账户流水 of the account of each place's estate
  'common_fund_stats.index': { target: inRegion },
  'common_fund_stats.export': { target: inRegion },
  'common_fund_estates.index': { target: inRegion },
  'common_fund_estates.export': { target: inRegion },
  'common_fund_transactions.index': { target: (p) => ({ params: { id: FUND_ACCOUNT_IN[p] } }) },
  'common_fund_transactions.export': { target: (p) => ({ params: { id: FUND_ACCOUNT_IN[p] } }) },
  'common_fund_banks.index': { target: inRegion },
  'common_fund_banks.export': { target: inRegion },
  // a 责令整改 of each place's estate: 翠园小区 opened its account and the others are not due, so a permitted
  // call is a harmless 422 (nothing written); out of reach a 404
  'common_fund_enforcements.store': { target: (p) => ({ json: { estate_id: ESTATE_IN[p], kind: 'rectification', decided_on: '2026-11-28', document_no: '矩阵' } }) },
  // 党建园地: statistics and committee members of each place's community; the 民意征集 of each place's street
  'party_building_stats.index': { target: inRegion },
  'party_building_stats.export': { target: inRegion },
  'committee_members.index': { target: inRegion },
  'committee_members.export': { target: inRegion },
  'opinion_collections.index': { target: inRegion },
  'opinion_collections.stats': { target: inRegion },
  'opinion_collections.show': { target: (p) => ({ params: { id: OPINION_IN[p] } }) },
  // 信用信息: statistics and the records behind them, in the place's region
  'credit_stats.index': { target: inRegion },
  'credit_stats.export': { target: inRegion },
  'credit_records.index': { target: inRegion },
  'credit_records.export': { target: inRegion },
  'credit_trend.index': { target: inRegion },
  'credit_trend.export': { target: inRegion },
  'credit_subjects.index': { target: inRegion },
  'credit_subjects.show': { target: (p) => ({ params: { id: CREDIT_SUBJECT_IN[p] } }) },
  'credit_records.store': {
    target: (p) => ({ params: { id: CREDIT_SUBJECT_IN[p] }, json: { polarity: 'bad', category: 'rectification', severity: 'minor', decided_on: '2026-11-20', source: '矩阵', document_no: '矩阵' } }),
    outcome: { city: 201, futian: 201, luohu: 201 },
  },
  // 修改 / 删除 a record of each place with a stale version: a harmless 409 where permitted and in reach;
  // an upload without a file is a harmless 422; the seeded records have no document (404 in reach)
  'credit_records.update': { target: (p) => ({ params: { id: CREDIT_RECORD_IN[p] }, json: CREDIT_CHANGE }), outcome: { city: 409, futian: 409, luohu: 409 } },
  'credit_records.destroy': { target: (p) => ({ params: { id: CREDIT_RECORD_IN[p] }, json: { version: 999 } }), outcome: { city: 409, futian: 409, luohu: 409 } },
  'credit_attachments.upload': { target: () => ({ json: {} }), outcome: { city: 422, futian: 422, luohu: 422 } },
  'credit_attachments.download': { target: (p) => ({ params: { id: CREDIT_RECORD_IN[p], attachmentId: 1 } }), outcome: everyone(404) },
  // 平安建设: statistics and assessments by region; 考核办理 of an assessment of each place's community (a
  // completed status without a score is a harmless 422, nothing written); items are the city's (an empty
  // create is a harmless 422, an unknown item a 404)
  'safety_stats.index': { target: inRegion },
  'safety_stats.export': { target: inRegion },
  'safety_assessments.index': { target: inRegion },
  'safety_assessments.export': { target: inRegion },
  'safety_assessments.update': {
    target: (p) => ({ params: { id: { own: SA.yl1.disputes, sibling: SA.ny1.order, otherDistrict: SA.gy1.fire }[p] }, json: { status: 'completed', version: 1 } }),
    outcome: { head: 422, handler: 422, community: 422 },
  },
  'safety_items.index': { target: none },
  'safety_items.store': { target: () => ({ json: {} }), outcome: { city: 422 } },
  'safety_items.update': { target: () => ({ params: { id: 999999 }, json: { title: '矩阵考核', max_score: 10 } }), outcome: { city: 404 } },
  // 导出中心: every signed-in user's own runs and subscriptions (no region scope: another's is a 404)
  'exports.tables': { target: none },
  'exports.index': { target: none },
  'exports.export': { target: none },
  // 物业区域管理 · 设施设备: the list of each place's region; a new one in each place's estate (a fresh number per
  // call: several roles add to the same estate); changes of an unknown id; an import is its uploader's
  'area_estates.index': { target: inRegion },
  'area_estates.export': { target: inRegion },
  'area_map.index': { target: inRegion },
  'equipment.index': { target: inRegion },
  'equipment.export': { target: inRegion },
  'equipment.store': {
    target: (p) => ({ json: { estate_id: ESTATE_IN[p], code: `MATRIX-${p}-${++equipmentCodes}`, name: '矩阵设备', category: 'other' } }),
    outcome: { city: 201, futian: 201, head: 201, handler: 201 },
  },
  'equipment.update': { target: () => ({ params: { id: 999999 }, json: { status: 'normal', version: 1 } }), outcome: everyone(404) },
  'equipment.destroy': { target: () => ({ params: { id: 999999 }, json: { version: 1 } }), outcome: everyone(404) },
  'equipment_imports.template': { target: none },
  'equipment_imports.store': { target: none, outcome: everyone(422) },
  'equipment_imports.show': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'equipment_imports.report': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'exports.store': { target: () => ({ json: { module: 'no_such_table' } }), outcome: everyone(422) },
  'exports.show': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'exports.download': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'export_subscriptions.index': { target: none },
  'export_subscriptions.store': { target: () => ({ json: { module: 'no_such_table', frequency: 'daily', time_of_day: '08:00' } }), outcome: everyone(422) },
  'export_subscriptions.destroy': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  // 电子投票: meetings by estate (an estate outside the scope is a 404); the director of e1 convenes for
  // it, the street (voting.manage) for an estate without a committee (one with a committee is a 422);
  // a project manager convenes nothing (404); no meeting / topic 999999; an owner's list is their own
  'voting_meetings.index': { target: (p) => ({ qs: { estate_id: ESTATE_IN[p] } }) },
  'voting_meetings.export': { target: (p) => ({ qs: { estate_id: ESTATE_IN[p] } }) },
  'voting_meetings.store': {
    target: (p) => ({ json: { estate_id: ESTATE_IN[p], kind: 'owners_assembly', title: '矩阵会议', opens_at: '2026-12-01T09:00:00+08:00', closes_at: '2026-12-15T18:00:00+08:00', topics: [{ title: '选聘物业服务企业', art278_item: 4 }] } }),
    outcome: { city: 201, futian: 201, head: 201, director: 201, manager: 404, nanyuanManager: 404 },
  },
  'voting_meetings.show': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'voting_meetings.publish': { target: () => ({ params: { id: 999999 }, json: { version: 1 } }), outcome: everyone(404) },
  'voting_meetings.close': { target: () => ({ params: { id: 999999 }, json: { version: 1 } }), outcome: everyone(404) },
  // the street's estates without a committee (voting.manage); paper ballots of meeting 999999: its
  // convener only, so a 404 for everyone who passes the feature gate
  'voting_meetings.proxy_estates': { target: none },
  'voting_paper_scans.upload': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'voting_paper_ballots.index': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'voting_paper_ballots.export': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'voting_paper_ballots.store': {
    target: () => ({ params: { id: 999999 }, json: { house_id: 1, choices: [{ topic_id: 1, choice: 'agree' }], scan_token: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f', request_id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f' } }),
    outcome: everyone(404),
  },
  'voting_paper_ballots.houses': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'voting_paper_ballots.download': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'owner_ballots.index': { target: none },
  'owner_ballots.store': { target: () => ({ params: { id: 999999 }, json: { house_id: 1, choice: 'agree', request_id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f' } }), outcome: everyone(404) },
  // 小区气象公告栏: the board reads the QWeather stub of the test run (tests/support/weather.ts)
  'weather_estates.index': { target: none },
  'weather_estates.show': { target: (p) => ({ params: { id: ESTATE_IN[p] } }) },
  // 纠纷化解台账 (seedDisputes: one dispute per place, 处理中 at version 3, entered by its district's
  // bureau, with one attachment). 处理 / 申请办结 are the street's steps (the bureaus hold
  // disputes.handle but the process refuses them); an empty step body is a 422, a 确认办结 of a
  // dispute 处理中 a 422; an upload without a multipart body is a 422.
  'dispute_stats.index': { target: inRegion },
  'dispute_stats.export': { target: inRegion },
  'disputes.index': { target: inRegion },
  'disputes.export': { target: inRegion },
  'disputes.estates': { target: none },
  'dispute_attachments.upload': { target: none, outcome: { city: 422, futian: 422, head: 422, handler: 422 } },
  'disputes.store': {
    target: (p) => ({ json: { estate_id: ESTATE_IN[p], dispute_type: 'other', title: '矩阵纠纷', parties: '甲；乙', summary: '矩阵', reported_on: '2026-11-01' } }),
    outcome: { city: 201, futian: 201 },
  },
  'disputes.show': { target: (p) => ({ params: { id: DISPUTE_IN[p] } }) },
  'disputes.transfer': { target: (p) => ({ params: { id: DISPUTE_IN[p] }, json: { version: 3 } }), outcome: { city: 422, futian: 422 } },
  'disputes.handle': { target: (p) => ({ params: { id: DISPUTE_IN[p] }, json: { version: 3 } }), outcome: { city: 403, futian: 403, head: 422, handler: 422 } },
  'disputes.apply_close': { target: (p) => ({ params: { id: DISPUTE_IN[p] }, json: { version: 3 } }), outcome: { city: 403, futian: 403, head: 422, handler: 422 } },
  'disputes.confirm_close': { target: (p) => ({ params: { id: DISPUTE_IN[p] }, json: { version: 3 } }), outcome: { city: 422, futian: 422 } },
  'disputes.return': { target: (p) => ({ params: { id: DISPUTE_IN[p] }, json: { version: 3, opinion: '矩阵' } }), outcome: { city: 422, futian: 422 } },
  'dispute_attachments.download': { target: (p) => ({ params: { id: DISPUTE_IN[p], attachmentId: DISPUTE_IN[p] } }) },
  // 招标文件备案: filings by estate (the director's own committee filings; a manager's list is empty); a
  // filing without files is a harmless 422 for whoever may file (the director for e1, the handler for a
  // developer), a 403 for a role the process refuses; no filing 999999
  'tenders.index': { target: (p) => ({ qs: { estate_id: ESTATE_IN[p] } }) },
  'tenders.export': { target: (p) => ({ qs: { estate_id: ESTATE_IN[p] } }) },
  'tender_attachments.upload': { target: () => ({ json: {} }), outcome: { head: 422, handler: 422, manager: 422, director: 422, nanyuanManager: 422 } },
  'tenders.store': {
    target: (p) => ({ json: { estate_id: ESTATE_IN[p], tenderer_kind: 'developer', tenderer_name: '矩阵开发商', title: '矩阵招标', tender_method: 'public', contact_name: '矩阵', contact_phone: '13800000000', attachments: [] } }),
    outcome: { head: 403, manager: 403, nanyuanManager: 403, handler: 422, director: 422 },
  },
  'tenders.show': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'tender_receipts.download': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'tender_attachments.download': { target: () => ({ params: { id: 999999, attachmentId: 1 } }), outcome: everyone(404) },
  'tenders.resubmit': { target: () => ({ params: { id: 999999 }, json: { tenderer_name: '矩阵', title: '矩阵招标', tender_method: 'public', contact_name: '矩阵', contact_phone: '13800000000', version: 1 } }), outcome: everyone(404) },
  'tenders.first_review': { target: () => ({ params: { id: 999999 }, json: { opinion: 'agree', version: 1 } }), outcome: everyone(404) },
  'tenders.final_review': { target: () => ({ params: { id: 999999 }, json: { decision: 'approve', version: 1 } }), outcome: everyone(404) },
  'tender_progress.index': { target: (p) => ({ qs: { estate_id: ESTATE_IN[p] } }) },
  'tender_progress.export': { target: (p) => ({ qs: { estate_id: ESTATE_IN[p] } }) },
  'tender_progress.show': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'tender_clarifications.store': { target: () => ({ params: { id: 999999 }, json: { kind: 'clarification', title: '矩阵澄清', content: '<p>矩阵</p>' } }), outcome: everyone(404) },
  'tender_clarification_files.download': { target: () => ({ params: { id: 999999, attachmentId: 1 } }), outcome: everyone(404) },
  // public but signed: without the platform's signature every caller is a 401
  'bidding_events.store': { target: () => ({ json: { event_id: 'matrix', filing_no: 'ZBBA-2026-000001', stage: 'announcement', occurred_at: '2026-11-28T10:00:00+08:00' } }) },
  'tenders_stats.index': { target: inRegion },
  'tenders_stats.export': { target: inRegion },
  // 信息公开: templates are kept by the city (others holding disclosures.manage: 403); street accounts publish for their street's estates (the
  // bureaus: 403; another street's estate: 404); no announcement 999999; 公示公告 is everyone's own
  'disclosure_templates.index': { target: none },
  'disclosure_templates.store': { target: () => ({ json: MATRIX_TEMPLATE }), outcome: { city: 201, futian: 403, head: 403, handler: 403 } },
  'disclosure_templates.update': { target: () => ({ params: { id: 999999 }, json: { ...MATRIX_TEMPLATE, version: 1 } }), outcome: { city: 404, futian: 403, head: 403, handler: 403 } },
  'disclosures.index': { target: inRegion },
  'disclosures.export': { target: inRegion },
  'disclosures.estates': { target: none, outcome: { city: 403, futian: 403 } },
  'disclosures.preview': { target: () => ({ json: {} }), outcome: { city: 422, futian: 422, head: 422, handler: 422 } },
  'disclosures.store': {
    target: (p) => ({ json: { template_id: 3, estate_id: ESTATE_IN[p], title: '矩阵公告', fields: { content: '<p>矩阵</p>' } } }),
    outcome: { city: 403, futian: 403, head: 201, handler: 201 },
  },
  'disclosures.show': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'disclosures.update': { target: () => ({ params: { id: 999999 }, json: { template_id: 3, estate_id: E.e1, title: '矩阵公告', version: 1 } }), outcome: { ...everyone(404), city: 403, futian: 403 } },
  'disclosures.publish': { target: () => ({ params: { id: 999999 }, json: { version: 1 } }), outcome: { ...everyone(404), city: 403, futian: 403 } },
  'disclosures.void': { target: () => ({ params: { id: 999999 }, json: { version: 1, reason: '矩阵作废' } }), outcome: { ...everyone(404), city: 403, futian: 403 } },
  'disclosures.destroy': { target: () => ({ params: { id: 999999 }, json: { version: 1 } }), outcome: { ...everyone(404), city: 403, futian: 403 } },
  'disclosure_board.index': { target: none },
  'disclosure_board.show': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'disclosure_stats.index': { target: inRegion },
  'disclosure_stats.export': { target: inRegion },
  // 居代业: the street starts one for an estate without a committee (e1 has one: a harmless 422; the
  // process refuses the bureaus: 403); no 居代业 999999
  'proxy_governances.index': { target: inRegion },
  'proxy_governances.export': { target: inRegion },
  'proxy_governance_stats.index': { target: inRegion },
  'proxy_governance_stats.export': { target: inRegion },
  'proxy_governances.estates': { target: none },
  'proxy_governances.store': {
    target: (p) => ({ json: { estate_id: ESTATE_IN[p], reason: '矩阵', content: '<p>矩阵</p>' } }),
    outcome: { city: 403, futian: 403, head: 422, handler: 422 },
  },
  'proxy_governances.show': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'proxy_governances.decline': { target: () => ({ params: { id: 999999 }, json: { version: 1, remark: '矩阵', content: '<p>矩阵</p>' } }), outcome: everyone(404) },
  'proxy_governances.appoint': { target: () => ({ params: { id: 999999 }, json: { version: 1, remark: '矩阵', agent: '矩阵', content: '<p>矩阵</p>' } }), outcome: everyone(404) },
  'proxy_governances.terminate': { target: () => ({ params: { id: 999999 }, json: { version: 1, remark: '矩阵', content: '<p>矩阵</p>' } }), outcome: everyone(404) },
  // 业主决策情况: statistics and topics by region; a topic's turnout (no topic 999999: 404 where permitted)
  'decisions_stats.index': { target: inRegion },
  'decisions_stats.export': { target: inRegion },
  'decision_topics.index': { target: inRegion },
  'decision_topics.export': { target: inRegion },
  'decision_turnout.show': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'decision_turnout.export': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  // 安全检查: statistics, 穿透 and tasks by region; the bureaus publish for a region of theirs (a region outside → 404);
  // a target / task / photo that does not exist is a 404 wherever the feature is held
  'inspection_stats.index': { target: inRegion },
  'inspection_stats.export': { target: inRegion },
  'inspection_companies.index': { target: inRegion },
  'inspection_companies.export': { target: inRegion },
  'inspection_targets.index': { target: inRegion },
  'inspection_targets.export': { target: inRegion },
  'inspection_tasks.index': { target: inRegion },
  'inspection_tasks.export': { target: inRegion },
  'inspection_tasks.store': {
    target: (p) => ({ json: { title: '矩阵检查', deadline: '2026-12-31', items: [{ content: '消防通道' }], target_mode: 'region', region_id: REGION_IN[p] } }),
    outcome: { city: 201, futian: 201 },
  },
  'inspection_tasks.show': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'inspection_tasks.remind': { target: () => ({ params: { id: 999999 }, json: {} }), outcome: everyone(404) },
  'my_inspections.index': { target: none },
  'inspection_target.show': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  'inspection_target.submit': { target: () => ({ params: { id: 999999 }, json: { version: 1, answers: [{ item_id: 1, result: 'pass' }] } }), outcome: everyone(404) },
  'inspection_target.rectify': { target: () => ({ params: { id: 999999 }, json: { version: 1, answers: [{ item_id: 1, rectified_on: '2026-11-01' }] } }), outcome: everyone(404) },
  'inspection_photos.upload': { target: () => ({ json: {} }), outcome: { manager: 422, director: 422, nanyuanManager: 422 } },
  'inspection_photos.download': { target: () => ({ params: { id: 999999 } }), outcome: everyone(404) },
  // 物业项目风险预警: statistics and the estates of the latest run by region; the settings are the city's
  // (an empty save is a harmless 422, nothing written)
  'risk_stats.index': { target: inRegion },
  'risk_stats.export': { target: inRegion },
  'risk_estates.index': { target: inRegion },
  'risk_estates.export': { target: inRegion },
  'risk_settings.show': { target: none },
  'risk_settings.update': { target: () => ({ json: {} }), outcome: { city: 422 } },
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
  // estate-side accounts reach their own estates only (USER_ESTATES): e1 is 'own', e4 'sibling'
  manager: ['own'],
  director: ['own'],
  nanyuanManager: ['sibling'],
}
const ROLES: WorldUser[] = ['city', 'futian', 'head', 'handler', 'party', 'community', 'manager', 'director', 'nanyuanManager']
const PLACES: Place[] = ['own', 'sibling', 'otherDistrict']

function apiRoutes() {
  router.commit()
  return Object.values(router.toJSON()).flat().filter((route: any) => route.name?.startsWith('api.'))
}

/** What a cell must answer, from the declaration, the actor's features and the route's outcome. */
function expectedStatus(declared: (typeof API_ROUTES)[number], who: WorldUser | null, held: readonly string[], place: Place): number | 'any' {
  if (declared.access === 'public') return 'any'
  if (!who) return 401
  const needed = routeFeatures(declared)
  if (needed.length && !needed.some((feature) => held.includes(feature))) return 403
  const outcome = TARGETS[declared.name].outcome?.[who]
  if (outcome === 403) return 403
  if (declared.scoped && !REACH[who].includes(place)) return 404
  return outcome ?? 200
}

test.group('Authorization matrix', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    // a fixed day outside any evaluation window, with the (closed) 2026 H1 evaluations in place
    clock.travelTo('2026-11-28T10:00:00+08:00')
    await new EvaluationPeriodService().open({ year: 2026, half: 1 })
    await seedNotices()
    await seedCommonFunds()
    await seedCredit()
    await seedPartyBuilding()
    await seedSafety()
    await seedDisputes()
    return () => clock.reset()
  })

  test('the router serves exactly the declared routes, and every declared route has a target', ({ assert }) => {
    const names = apiRoutes().map((route: any) => route.name)
    assert.sameMembers(names, API_ROUTES.map((route) => `api.${route.name}`))
    assert.sameMembers(Object.keys(TARGETS), API_ROUTES.map((route) => route.name))
  })

  test('route × role × place gives exactly the expected status', async ({ client, assert }) => {
    const mismatches: string[] = []
    let checked = 0
    const features = new Map<WorldUser, readonly string[]>()
    for (const who of ROLES) {
      const user = await actor(who)
      await loadGrantedFeatures(user)
      features.set(who, userFeatures(user))
    }
    for (const declared of API_ROUTES) {
      const spec = TARGETS[declared.name]
      for (const who of [null, ...ROLES] as (WorldUser | null)[]) {
        for (const place of PLACES) {
          const { params, qs, json } = spec.target(place)
          let request = client.visit(`api.${declared.name}`, params ?? {})
          if (qs) request = request.qs(qs)
          if (json) request = request.json(json)
          if (declared.method !== 'GET') request = request.withCsrfToken()
          if (who) request = request.loginAs(await actor(who))
          const response = await request
          const expected = expectedStatus(declared, who, who ? features.get(who)! : [], place)
          // a write in reach may legitimately be a business 4xx after an earlier cell changed state
          const ok = expected === 'any' || response.status() === expected ||
            (expected < 300 && declared.method !== 'GET' && [409, 422].includes(response.status()))
          if (!ok || response.status() >= 500) mismatches.push(`${declared.name} ${who ?? 'anonymous'} ${place}: got ${response.status()}, expected ${expected}`)
          checked++
        }
      }
    }
    assert.deepEqual(mismatches, [])
    assert.equal(checked, API_ROUTES.length * (ROLES.length + 1) * PLACES.length)
  }).timeout(600000)

  test('the derivation is not vacuous: every role is refused somewhere and allowed somewhere', async ({ assert }) => {
    for (const who of ROLES) {
      const user = await actor(who)
      await loadGrantedFeatures(user)
      const held = userFeatures(user)
      const statuses = API_ROUTES.map((declared) => expectedStatus(declared, who, held, 'own'))
      assert.include(statuses, 403, `${who} is refused some route`)
      assert.include(statuses, 200, `${who} may use some route`)
    }
  })
})
