import { onBeforeUnmount, reactive, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { FormInstance, FormRules } from 'element-plus'
import { ApiError } from '@szpm/api'
import { resendCountdown } from '@szpm/core'
import { login, loginCaptcha, sendLoginCode } from '@/api/auth'
import { session } from '@/stores/session'

/** only same-site absolute paths are honoured as a post-login redirect */
function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/'
}

/**
 * Two-factor sign-in: phone + password → 获取验证码 (the password is checked and a code texted,
 * then a countdown until the next one) → code → 登录 (password and code checked together).
 * After wrong passwords the API asks for a 图形验证码 (an error on the field `captcha`): the image is
 * shown from then on, a new one after every attempt (each is checked once).
 */
export function useLogin() {
  const route = useRoute()
  const router = useRouter()

  const formRef = ref<FormInstance>()
  const form = reactive({ phone: '', password: '', code: '', captcha: '' })
  const rules: FormRules = {
    phone: [{ required: true, message: '请输入手机号', trigger: 'blur' }],
    password: [{ required: true, message: '请输入密码', trigger: 'blur' }],
    code: [{ required: true, message: '请输入短信验证码', trigger: 'blur' }],
    captcha: [{ required: true, message: '请输入图形验证码', trigger: 'blur' }],
  }
  const loading = ref(false)
  const sending = ref(false)
  const codeSent = ref(false)
  const countdown = ref(0)
  const errorMessage = ref('')
  const infoMessage = ref('')
  const fieldErrors = ref<Record<string, string>>({})
  /** the 图形验证码 the API asked for (null until it does) */
  const captcha = ref<{ id: string; image: string } | null>(null)
  const captchaLoading = ref(false)

  async function refreshCaptcha() {
    captchaLoading.value = true
    form.captcha = ''
    try {
      const { data } = await loginCaptcha()
      captcha.value = { id: data.id, image: data.image }
    } catch {
      errorMessage.value = '图形验证码加载失败，请点击图片重试'
    } finally {
      captchaLoading.value = false
    }
  }

  /** the CAPTCHA answer for the next call, once one is shown */
  function captchaAnswer() {
    return captcha.value ? { captcha_id: captcha.value.id, captcha: form.captcha.trim() } : undefined
  }

  /** after an attempt: a shown CAPTCHA is used up; the API may have asked for one */
  async function afterAttempt(error: unknown) {
    const asked = error instanceof ApiError && error.fields.captcha !== undefined
    if (asked || captcha.value) await refreshCaptcha()
  }

  const resend = resendCountdown((secondsLeft) => (countdown.value = secondsLeft))
  onBeforeUnmount(resend.stop)

  function showError(error: unknown) {
    if (error instanceof ApiError) {
      errorMessage.value = error.message
      // a CAPTCHA request or refusal shows in the alert above: the field gets a fresh image, not an error
      const { captcha: _captcha, ...fields } = error.fields
      fieldErrors.value = fields
    } else {
      errorMessage.value = '网络异常，请稍后重试'
    }
  }

  async function sendCode() {
    if (sending.value || countdown.value > 0) return
    const valid = await formRef.value?.validateField(captcha.value ? ['phone', 'password', 'captcha'] : ['phone', 'password']).catch(() => false)
    if (valid === false) return
    sending.value = true
    errorMessage.value = ''
    infoMessage.value = ''
    fieldErrors.value = {}
    try {
      const { data } = await sendLoginCode(form.phone.trim(), form.password, captchaAnswer())
      codeSent.value = true
      infoMessage.value = '验证码已发送至您的手机，5 分钟内有效'
      resend.start(data.resendIn)
      // the right password cleared the server's count: no CAPTCHA until wrong passwords bring it back
      captcha.value = null
      form.captcha = ''
    } catch (error) {
      showError(error)
      await afterAttempt(error)
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
      const { data } = await login(form.phone.trim(), form.password, form.code.trim(), captchaAnswer())
      session.setUser(data)
      await router.replace(safeRedirect(route.query.redirect))
    } catch (error) {
      showError(error)
      await afterAttempt(error)
    } finally {
      loading.value = false
    }
  }

  return {
    formRef, form, rules, loading, sending, codeSent, countdown, errorMessage, infoMessage, fieldErrors,
    captcha, captchaLoading, refreshCaptcha, sendCode, submit,
  }
}
