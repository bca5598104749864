import { computed, onMounted, ref } from 'vue'
import { useRouter } from 'vue-router'
import { logout as apiLogout } from '@/api/auth'
import { fetchTodoCounts } from '@/api/todos'
import { clearUser, currentUser } from '@/stores/session'

export interface HomeModule {
  /** stable key, used in data-test="entry-<key>" */
  key: string
  text: string
  icon: string
  /** route of a live module; absent = not launched yet */
  to?: string
  /** shown only to users holding this feature */
  feature?: string
  /** the number on the icon (e.g. the 待办 count) */
  badge?: string
}

export const HOME_MODULES: readonly HomeModule[] = [
  { key: 'filings', text: '备案情况', icon: 'records-o', to: '/filings' },
  { key: 'projects', text: '项目管理', icon: 'cluster-o', to: '/projects' },
  { key: 'todos', text: '待办事项', icon: 'todo-list-o', to: '/todos', feature: 'todos.view' },
  { key: 'credit', text: '信用信息', icon: 'medal-o' },
  { key: 'decisions', text: '业主决策', icon: 'friends-o' },
  { key: 'staff', text: '从业人员', icon: 'manager-o' },
  { key: 'parking', text: '车位信息', icon: 'logistics' },
  { key: 'training', text: '宣传培训', icon: 'bullhorn-o' },
  { key: 'safety', text: '平安建设', icon: 'shield-o' },
  { key: 'evaluations', text: '街道社区评价', icon: 'comment-o', to: '/evaluations', feature: 'evaluations.view' },
  { key: 'weather', text: '气象公告', icon: 'info-o' },
  { key: 'inspections', text: '安全检查', icon: 'warning-o' },
  { key: 'disclosure', text: '信息公开', icon: 'newspaper-o' },
  { key: 'notices', text: '通知发布', icon: 'volume-o' },
  { key: 'party', text: '党建园地', icon: 'flag-o' },
  { key: 'admin-users', text: '权限管理', icon: 'setting-o', to: '/admin/users', feature: 'users.manage' },
  { key: 'account', text: '我的', icon: 'user-o', to: '/account' },
]

export function useHome() {
  const router = useRouter()
  const user = currentUser
  const loggingOut = ref(false)

  const regionName = computed(() => user.value?.region.name ?? '')
  /** e.g. 深圳市 / 福田区 / 莲花街道 */
  const regionPath = computed(() => {
    const region = user.value?.region
    if (!region) return ''
    const names = region.path.map((ref) => ref.name)
    if (names[names.length - 1] !== region.name) names.push(region.name)
    return names.join(' / ')
  })

  function open(module: HomeModule): void {
    if (module.to) void router.push(module.to)
    else showToast('该模块即将上线')
  }

  async function logout(): Promise<void> {
    if (loggingOut.value) return
    loggingOut.value = true
    try {
      await apiLogout()
    } catch {
      // the session is dropped locally either way
    } finally {
      loggingOut.value = false
      clearUser()
      await router.replace({ name: 'login', query: { logged_out: '1' } })
    }
  }

  /** the 待办 badge: TodoCounts.pending, loaded when the user has an inbox */
  const todoPending = ref(0)
  onMounted(() => {
    if (!user.value?.features.includes('todos.view')) return
    fetchTodoCounts()
      .then((counts) => (todoPending.value = counts.pending))
      .catch(() => undefined)
  })

  const modules = computed(() =>
    HOME_MODULES.filter((m) => !m.feature || (user.value?.features.includes(m.feature) ?? false)).map((m) =>
      m.key === 'todos' && todoPending.value > 0
        ? { ...m, badge: todoPending.value > 99 ? '99+' : String(todoPending.value) }
        : m
    )
  )

  return { user, regionName, regionPath, modules, loggingOut, open, logout }
}
