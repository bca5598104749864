import { reactive, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ApiError } from '@/api/client'
import { login } from '@/api/auth'
import { setUser } from '@/stores/session'
import { queryString } from '@/utils/query'

/**
 * Phone + password sign-in (WeChat identity binding comes later).
 */
export function useLogin() {
  const router = useRouter()
  const route = useRoute()

  const form = reactive({ phone: '', password: '' })
  const submitting = ref(false)

  // format checks are left to the backend, whose message is shown as a toast
  const phoneRules = [{ required: true, message: '请输入手机号码' }]
  const passwordRules = [{ required: true, message: '请输入密码' }]

  /** only same-app paths are honoured as a redirect target */
  function redirectTarget(): string {
    const target = queryString(route.query.redirect)
    return target && target.startsWith('/') && !target.startsWith('//') ? target : '/'
  }

  async function submit(): Promise<void> {
    if (submitting.value) return
    submitting.value = true
    try {
      const user = await login(form.phone.trim(), form.password)
      setUser(user)
      closeToast()
      await router.replace(redirectTarget())
    } catch (error) {
      showFailToast(error instanceof ApiError ? error.message : '网络异常，请稍后重试')
    } finally {
      submitting.value = false
    }
  }

  return { form, submitting, phoneRules, passwordRules, submit }
}
