import { computed, onMounted, ref } from 'vue'
import { useRouter } from 'vue-router'
import { logout as apiLogout } from '@/api/auth'
import { fetchTodoCounts } from '@/api/todos'
import { fetchUnreadCount } from '@/api/messages'
import { MODULE_TILES, PLANNED_MODULES, canOpen, holds } from '@/modules'
import { clearUser, currentUser } from '@/stores/session'

export interface HomeTile {
  /** stable key, used in data-test="entry-<key>" (the page name) */
  key: string
  text: string
  icon: string
  /** the page it opens */
  to: string
  /** the number on the icon (e.g. the 待办 count) */
  badge?: string
}

/** 我的: every signed-in user's own account (not a module) */
const ACCOUNT_TILE: HomeTile = { key: 'account', text: '我的', icon: 'user-o', to: '/account' }
const MY_INSPECTIONS_TILE: HomeTile = { key: 'my-inspections', text: '安全检查', icon: 'shield-o', to: '/inspections/mine' }

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
    if (!holds('todos.view')) return
    fetchTodoCounts()
      .then((counts) => (todoPending.value = counts.pending))
      .catch(() => undefined)
  })

  /** the 我的消息 badge: unread messages */
  const messagesUnread = ref(0)
  onMounted(() => {
    fetchUnreadCount()
      .then((counts) => (messagesUnread.value = counts.unread))
      .catch(() => undefined)
  })
  const countBadge = (n: number) => (n > 0 ? (n > 99 ? '99+' : String(n)) : undefined)

  /** the declared tiles whose page the user may open, then 我的 */
  const tiles = computed<HomeTile[]>(() => [
    ...MODULE_TILES.filter((tile) => user.value && canOpen(tile.page)).map((tile) => ({
      key: tile.key,
      text: tile.text,
      icon: tile.icon,
      to: tile.page.path,
      badge: tile.slug === 'todos' ? countBadge(todoPending.value) : tile.slug === 'messages' ? countBadge(messagesUnread.value) : undefined,
    })),
    // 安全检查: a 项目经理 fills its estates' checklists (本项目安全检查; the module's tile is the statistics)
    ...(user.value?.estates?.some((estate) => estate.relation === 'project_manager') ? [MY_INSPECTIONS_TILE] : []),
    ACCOUNT_TILE,
  ])

  /** an estate-side account's own estates (项目经理, 业委会主任): each opens the estate page */
  const ownEstates = computed(() => (user.value?.estates ?? []).map((estate) => ({ ...estate, to: `/estates/${estate.id}` })))

  /** 即将上线: modules not built yet that the user has been granted ahead */
  const planned = computed(() =>
    PLANNED_MODULES.filter((module) => Object.keys(module.features).some(holds)).map((module) => ({ slug: module.slug, name: module.name }))
  )

  return { user, regionName, regionPath, tiles, ownEstates, planned, loggingOut, logout }
}
