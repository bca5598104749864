import type { RouteComponent } from 'vue-router'
import { statisticsPageViews } from '@szpm/core'

type LazyPage = () => Promise<RouteComponent>

const overview: LazyPage = () => import('@/views/statistics/overview/index.vue')
const records: LazyPage = () => import('@/views/statistics/records/index.vue')

/**
 * The view of every declared H5 page, by page name. Statistics modules need no entry: the page
 * named `<slug>` is the generic overview and its `statistics.recordsPage` the generic records list.
 */
export const PAGE_COMPONENTS: Readonly<Record<string, LazyPage>> = {
  ...statisticsPageViews({ overview, records }),
  todos: () => import('@/views/todos/index.vue'),
  messages: () => import('@/views/messages/index.vue'),
  message: () => import('@/views/messages/detail/index.vue'),
  notices: () => import('@/views/notices/list/index.vue'),
  'notice-publish': () => import('@/views/notices/publish/index.vue'),
  'notices-inbox': () => import('@/views/notices/inbox/index.vue'),
  'notice-detail': () => import('@/views/notices/detail/index.vue'),
  'notice-received': () => import('@/views/notices/received/index.vue'),
  'notice-stats': () => import('@/views/notices/NoticeStats.vue'),
  'evaluation-detail': () => import('@/views/evaluations/detail/index.vue'),
  'training-learning': () => import('@/views/training/Learning.vue'),
  'common-fund-banks': () => import('@/views/common_funds/Banks.vue'),
  'credit-subjects': () => import('@/views/credit/Subjects.vue'),
  'credit-subject': () => import('@/views/credit/SubjectDetail.vue'),
  'credit-trend': () => import('@/views/credit/Trend.vue'),
  opinions: () => import('@/views/party_building/Opinions.vue'),
  'opinion-detail': () => import('@/views/party_building/OpinionDetail.vue'),
  estate: () => import('@/views/estate/index.vue'),
  'estate-staff': () => import('@/views/estate/staff/index.vue'),
  'estate-parking': () => import('@/views/estate/parking/index.vue'),
  areas: () => import('@/views/areas/Areas.vue'),
  'owner-voting': () => import('@/views/voting/Mine.vue'),
  weather: () => import('@/views/weather/Board.vue'),
  'dispute-open': () => import('@/views/disputes/Ledger.vue'),
  'dispute-detail': () => import('@/views/disputes/Detail.vue'),
  tenders: () => import('@/views/tenders/Tenders.vue'),
  'tender-detail': () => import('@/views/tenders/TenderDetail.vue'),
  'tender-progress': () => import('@/views/tenders/TenderProgress.vue'),
  'inspection-tasks': () => import('@/views/inspections/Tasks.vue'),
  'inspection-task': () => import('@/views/inspections/TaskDetail.vue'),
  'inspection-companies': () => import('@/views/inspections/Companies.vue'),
  'my-inspections': () => import('@/views/inspections/Mine.vue'),
  'inspection-fill': () => import('@/views/inspections/Fill.vue'),
  disclosures: () => import('@/views/disclosures/DisclosureList.vue'),
  'disclosure-detail': () => import('@/views/disclosures/DisclosureDetail.vue'),
  'disclosure-board': () => import('@/views/disclosures/DisclosureList.vue'),
  'disclosure-board-detail': () => import('@/views/disclosures/DisclosureDetail.vue'),
  'proxy-governances': () => import('@/views/proxy_governance/ProxyGovernanceList.vue'),
  'proxy-governance-detail': () => import('@/views/proxy_governance/ProxyGovernanceDetail.vue'),
  'proxy-governance-start': () => import('@/views/proxy_governance/ProxyGovernanceStart.vue'),
  'admin-users': () => import('@/views/admin/users/index.vue'),
  'admin-user-stats': () => import('@/views/admin/user-stats/index.vue'),
}
