import { computed, ref } from 'vue'
import { useRouter } from 'vue-router'
import { logout as logoutRequest } from '@/api/auth'
import { session } from '@/stores/session'

export function useLayout() {
  const router = useRouter()
  const user = computed(() => session.user)
  const avatarText = computed(() => user.value?.name.slice(-2) ?? '')
  const loggingOut = ref(false)

  async function logout() {
    if (loggingOut.value) return
    loggingOut.value = true
    try {
      await logoutRequest()
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
  }

  return { user, avatarText, onCommand }
}
