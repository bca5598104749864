import { onBeforeUnmount, reactive, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { FormInstance, FormRules } from 'element-plus'
import { ApiError } from '@szpm/api'
import { resendCountdown } from '@szpm/core'
import { login, sendLoginCode } from '@/api/auth'
import { session } from '@/stores/session'

/** only same-site absolute paths are honoured as a post-login redirect */
function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/'
}

/**
 * Two-factor sign-in: phone + password → 获取验证码 (the password is checked and a code texted,
 * then a countdown until the next one) → code → 登录 (password and code checked together).
 */
export function useLogin() {
  const route = useRoute()
  const router = useRouter()

  const formRef = ref<FormInstance>()
  const form = reactive({ phone: '', password: '', code: '' })
  const rules: FormRules = {
    phone: [{ required: true, message: '请输入手机号', trigger: 'blur' }],
    password: [{ required: true, message: '请输入密码', trigger: 'blur' }],
    code: [{ required: true, message: '请输入短信验证码', trigger: 'blur' }],
  }
  const loading = ref(false)
  const sending = ref(false)
  const codeSent = ref(false)
  const countdown = ref(0)
  const errorMessage = ref('')
  const infoMessage = ref('')
  const fieldErrors = ref<Record<string, string>>({})

  const resend = resendCountdown((secondsLeft) => (countdown.value = secondsLeft))
  onBeforeUnmount(resend.stop)

  function showError(error: unknown) {
    if (error instanceof ApiError) {
      errorMessage.value = error.message
      fieldErrors.value = error.fields
    } else {
      errorMessage.value = '网络异常，请稍后重试'
    }
  }

  async function sendCode() {
    if (sending.value || countdown.value > 0) return
    const valid = await formRef.value?.validateField(['phone', 'password']).catch(() => false)
    if (valid === false) return
    sending.value = true
    errorMessage.value = ''
    infoMessage.value = ''
    fieldErrors.value = {}
    try {
      const { data } = await sendLoginCode(form.phone.trim(), form.password)
      codeSent.value = true
      infoMessage.value = '验证码已发送至您的手机，5 分钟内有效'
      resend.start(data.resendIn)
    } catch (error) {
      showError(error)
    } finally {
      sending.value = false
    }
  }

  async function submit() {
    if (loading.value) return
    const valid = await formRef.value?.validate().catch(() => false)
    if (valid === false) return
    loading.value = true
    errorMessage.value = ''
    fieldErrors.value = {}
    try {
      const { data } = await login(form.phone.trim(), form.password, form.code.trim())
      session.setUser(data)
      await router.replace(safeRedirect(route.query.redirect))
    } catch (error) {
      showError(error)
    } finally {
      loading.value = false
    }
  }

  return { formRef, form, rules, loading, sending, codeSent, countdown, errorMessage, infoMessage, fieldErrors, sendCode, submit }
}
