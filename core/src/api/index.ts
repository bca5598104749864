/**
 * The one API client used by the PC dashboards and the WeChat H5, one file of methods per module
 * (./filings.ts, ./evaluations.ts …) over the fetch core (./http.ts). Paths and methods come from the
 * route declarations (core/src/modules/<slug>.ts): a method names its route, e.g.
 * `http.call('filings.update', { params: { id }, body })`. Wire types: ./types.ts (one file per
 * module under ./types/).
 */
import { createHttp, type ApiClientOptions } from './http.ts'
import { areasApi } from './areas.ts'
export { areasApi }
export type { AreaEstateListMeta, AreaEstateQuery, AreaEstateRow, AreaMapConfig, AreaMapLayers, EquipmentInput, EquipmentQuery, PolygonGeometry } from './areas.ts'
import { auditApi } from './audit.ts'
import { calendarApi } from './calendar.ts'
import { commonFundsApi } from './common_funds.ts'
import { creditApi } from './credit.ts'
import { disputesApi } from './disputes.ts'
export type { DisputeStep } from './disputes.ts'
import { disclosuresApi, proxyGovernanceApi } from './disclosures.ts'
export type { DisclosureInput, DisclosureQuery, DisclosureTemplateInput, ProxyGovernanceQuery } from './disclosures.ts'
export type { CommonFundAccountMeta, CommonFundBankQuery, CommonFundEnforcement, CommonFundEnforcementInput, CommonFundTransactionQuery } from './common_funds.ts'
import { estatesApi } from './estates.ts'
import { evaluationsApi } from './evaluations.ts'
import { filingsApi } from './filings.ts'
import { identityApi } from './identity.ts'
import { noticesApi } from './notices.ts'
import { noticeStatsApi } from './notice_stats.ts'
import { parkingApi } from './parking.ts'
export type { ParkingSpaceForm, ParkingSpaceInput } from './parking.ts'
export { emptyParkingSpaceForm, parkingSpaceFormOf, parkingSpaceBody, saveParkingSpace } from './parking.ts'
import { partyBuildingApi } from './party_building.ts'
export type { OpinionCollectionQuery } from './party_building.ts'
import { messagesApi } from './messages.ts'
import { exportsApi } from './exports.ts'
import { projectEstatesApi, projectsApi } from './projects.ts'
import { sessionsApi } from './sessions.ts'
import { staffApi } from './staff.ts'
export type { PractitionerInput, StaffCertificateInput, PractitionerForm, CertificateForm } from './staff.ts'
export { emptyPractitionerForm, emptyCertificateForm, practitionerFormOf, practitionerBody, certificateErrors, savePractitioner, STAFF_STATE_NAMES } from './staff.ts'
import { todosApi } from './todos.ts'
import { trainingApi } from './training.ts'
import { safetyApi } from './safety.ts'
import { riskApi } from './risk.ts'
export type { RiskSettingsInput } from './risk.ts'
export type { RiskSettingsView, RiskEstateRow } from '../modules/risk.ts'
export { safetyYearOptions, type SafetyItem, type SafetyItemsMeta, type SafetyItemInput, type SafetyAssessment, type SafetyAssessmentInput } from './safety.ts'
export { learningPlayer, videoProgressStep, type PlayerHooks, type TrainingApi } from './training.ts'
import { accountApi, usersApi } from './users.ts'
import { votingApi } from './voting.ts'
import { weatherApi } from './weather.ts'
import { tendersApi } from './tenders.ts'
import { decisionsApi } from './decisions.ts'
import { inspectionsApi } from './inspections.ts'
export type { InspectionTask, InspectionTaskDetail, InspectionTargetRow, InspectionTargetDetail, InspectionAnswer, InspectionCompanyRow, InspectionTaskInput, InspectionAnswerInput, InspectionUpload } from './inspections.ts'
export type { DecisionTurnoutMeta } from './decisions.ts'
export type { VotingMeetingInput, VotingMeetingQuery } from './voting.ts'

export type * from './types.ts'
export * from './statistics.ts'
export * from './http.ts'
export { auditApi, calendarApi, commonFundsApi, creditApi, exportsApi, estatesApi, evaluationsApi, filingsApi, identityApi, messagesApi, noticesApi, noticeStatsApi, projectEstatesApi, projectsApi, sessionsApi, staffApi, todosApi, trainingApi, accountApi, usersApi, parkingApi, partyBuildingApi, safetyApi, votingApi, weatherApi, disputesApi, tendersApi, disclosuresApi, proxyGovernanceApi, decisionsApi }

export function createApiClient(options: ApiClientOptions = {}) {
  const http = createHttp(options)
  return {
    request: http.request,
    downloadUrl: http.downloadUrl,
    auth: sessionsApi(http),
    /** 微信端身份认证 (H5) */
    identity: identityApi(http),
    filings: filingsApi(http),
    /** the estate page, and 项目管理's estate list */
    estates: { ...estatesApi(http), ...projectEstatesApi(http) },
    /** 权限管理 (module 3): the accounts the user manages and 用户统计 */
    users: usersApi(http),
    /** 头像 menu: the signed-in user's own account */
    account: accountApi(http),
    audit: auditApi(http),
    /** 待办事项 (module 4) */
    todos: todosApi(http),
    /** 我的消息: the in-app inbox */
    messages: messagesApi(http),
    /** 导出中心 */
    exports: exportsApi(http),
    /** 街道社区评价 (module 13) */
    evaluations: evaluationsApi(http),
    /** 通知发布 (module 19) */
    notices: noticesApi(http, options.baseUrl ?? ''),
    /** 查看全部统计 of one notice */
    noticeStats: noticeStatsApi(http),
    /** 宣传培训 (module 11): the learner's courses and progress */
    training: trainingApi(http, options.baseUrl ?? ''),
    /** 节假日日历 (city admin): holidays and make-up workdays per year, 发布 */
    calendar: calendarApi(http),
    projects: projectsApi(http),
    /** 车位信息 (module 10): 提醒更新 and the estate's own spaces */
    parking: parkingApi(http),
    /** 电子投票 (module 17): meetings, and the owner's own ballots */
    voting: votingApi(http, options.baseUrl ?? ''),
    /** 从业人员信息 (module 9): 提醒更新 and the estate's own staff */
    staff: staffApi(http),
    /** 共有资金情况 (module 18): 账户流水 and 共享银行统计 */
    commonFunds: commonFundsApi(http),
    /** 信用信息 (module 7): 信用主体查询 and a subject's page */
    credit: creditApi(http, options.baseUrl ?? ''),
    /** 党建园地 (module 24): 民意征集 */
    partyBuilding: partyBuildingApi(http),
    /** 平安建设 (module 12): 考核内容配置 and 考核办理 */
    safety: safetyApi(http),
    /** 物业项目风险预警: 风险预警设置 */
    risk: riskApi(http),
    /** 小区气象公告栏 (module 14): estates to choose and their weather */
    weather: weatherApi(http),
    /** 纠纷化解台账 (module 22): ledgers, 录入, steps and attachments */
    disputes: disputesApi(http, options.baseUrl ?? ''),
    /** 物业区域管理 (module 20): 设施设备 and its Excel import */
    areas: areasApi(http, options.baseUrl ?? ''),
    /** 招标投标管理 (module 21): 招标文件备案 and its review */
    tenders: tendersApi(http, options.baseUrl ?? ''),
    /** 信息公开 (module 16): templates, announcements, 公示公告 */
    disclosures: disclosuresApi(http),
    /** 居代业管理 (module 23) */
    proxyGovernance: proxyGovernanceApi(http),
    /** 业主决策情况 (module 8): a topic's turnout by building or by day */
    decisions: decisionsApi(http),
    /** 安全检查 (module 15): tasks, 发布, the checklist, 催办 */
    inspections: inspectionsApi(http, options.baseUrl ?? ''),
  }
}

export type ApiClient = ReturnType<typeof createApiClient>
