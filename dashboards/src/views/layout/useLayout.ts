import { computed, ref } from 'vue'
import { useRouter } from 'vue-router'
import { logout as logoutRequest, logoutAll as logoutAllRequest } from '@/api/auth'
import { session } from '@/stores/session'

export function useLayout() {
  const router = useRouter()
  const user = computed(() => session.user)
  const avatarText = computed(() => user.value?.name.slice(-2) ?? '')
  const loggingOut = ref(false)

  /** 退出登录 ends this session; 退出所有设备 (`everywhere`) ends every session of the account */
  async function logout(everywhere = false) {
    if (loggingOut.value) return
    loggingOut.value = true
    try {
      await (everywhere ? logoutAllRequest() : logoutRequest())
    } catch {
      // the session is dropped locally either way
    } finally {
      loggingOut.value = false
      session.clear()
      await router.replace({ name: 'login' })
    }
  }

  function onCommand(command: string) {
    if (command === 'logout') void logout()
    if (command === 'logout-all') void logout(true)
  }

  return { user, avatarText, onCommand }
}
