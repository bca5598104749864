import { computed, ref } from 'vue'
import { useRouter, type RouteLocationRaw } from 'vue-router'
import { session } from '@/stores/session'

export interface QuickEntry {
  key: string
  label: string
  /** built modules have a route; the others announce they are coming */
  to?: RouteLocationRaw
}

/** the quick-entry bar, in display order; 更多 comes after these */
export const QUICK_ENTRIES: QuickEntry[] = [
  { key: 'wechat-decision', label: '微信决策管理' },
  { key: 'info-query', label: '信息综合查询' },
  { key: 'disclosure-query', label: '信息公开查询' },
  { key: 'disclosure', label: '信息公开' },
  { key: 'parking', label: '车位信息统计' },
  { key: 'staff', label: '从业人员信息' },
  { key: 'project-stats', label: '项目统计模块', to: { name: 'projects' } },
  { key: 'region-admin', label: '物业区域管理' },
]

/** revealed by 更多 */
export const MORE_ENTRIES: QuickEntry[] = [
  { key: 'filings', label: '备案情况', to: { name: 'filings' } },
  { key: 'companies', label: '物业企业信息' },
  { key: 'committees', label: '业主委员会信息' },
  { key: 'complaints', label: '投诉建议处理' },
  { key: 'maintenance-fund', label: '专项维修资金' },
]

/** revealed by 更多 for users holding the feature */
export const FEATURE_MORE_ENTRIES: (QuickEntry & { feature: string })[] = [
  { key: 'todos', label: '待办事项', to: { name: 'todos' }, feature: 'todos.view' },
  { key: 'evaluations', label: '街道社区评价', to: { name: 'evaluations' }, feature: 'evaluations.view' },
  { key: 'evaluation-templates', label: '评分模板', to: { name: 'evaluation-templates' }, feature: 'evaluations.manage' },
  { key: 'audit-log', label: '审计日志', to: { name: 'admin-audit' }, feature: 'audit.view' },
  { key: 'calendar', label: '节假日日历', to: { name: 'admin-calendar' }, feature: 'calendar.manage' },
]

/** feature a built entry needs */
const ENTRY_FEATURES: Record<string, string> = { 'project-stats': 'projects.view', filings: 'filings.view' }

export function useHome() {
  const router = useRouter()
  const user = computed(() => session.user)
  const moreOpen = ref(false)

  function open(entry: QuickEntry) {
    if (entry.to) void router.push(entry.to)
    else ElMessage.info('该模块即将上线')
  }

  function toggleMore() {
    moreOpen.value = !moreOpen.value
  }

  const moreEntries = computed(() => [...MORE_ENTRIES, ...FEATURE_MORE_ENTRIES.filter((entry) => session.can(entry.feature))])

  // built modules show only to users holding their view feature (the server enforces it again)
  const visible = (entry: QuickEntry) => !entry.to || !ENTRY_FEATURES[entry.key] || session.can(ENTRY_FEATURES[entry.key])
  const entries = computed(() => QUICK_ENTRIES.filter(visible))
  const visibleMore = computed(() => moreEntries.value.filter(visible))

  return { user, entries, moreEntries: visibleMore, moreOpen, open, toggleMore }
}
