import { computed, onBeforeUnmount, reactive, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { IDENTITY_TYPES, MOBILE_PHONE, resendCountdown, type IdentityType } from '@szpm/core'
import { ApiError } from '@/api/client'
import { bindIdentity, sendIdentityCode, wechatAuthorizeUrl } from '@/api/auth'
import { setUser } from '@/stores/session'
import { queryString } from '@/utils/query'

export interface IdentityChoice {
  key: IdentityType | 'owner'
  title: string
  description: string
  enabled: boolean
}

/**
 * Whom the H5 serves: government supervisors, 项目经理 and 业委会主任 bind to their preset account, 业主
 * to the house register (the chosen type is sent along; the backend refuses an account of another type).
 */
export const IDENTITIES: IdentityChoice[] = [
  ...(Object.entries(IDENTITY_TYPES) as [IdentityType, (typeof IDENTITY_TYPES)[IdentityType]][]).map(([key, type]) => ({
    key,
    title: type.title,
    description: type.description,
    enabled: true,
  })),
]

/**
 * 微信端身份认证: after WeChat authorisation found no bound account, the person picks their identity
 * and proves the preset account with name, phone and an SMS code; the backend binds the openid and
 * signs them in.
 */
export function useIdentity() {
  const route = useRoute()
  const router = useRouter()

  const step = ref<'choose' | 'form'>('choose')
  const chosen = ref<IdentityChoice>(IDENTITIES[0])
  const form = reactive({ name: '', phone: '', code: '' })
  const sending = ref(false)
  const submitting = ref(false)
  const countdown = ref(0)
  const errorMessage = ref('')
  const authError = computed(() => queryString(route.query.error))

  const nameRules = [{ required: true, message: '请输入姓名' }]
  const phoneRules = [
    { required: true, message: '请输入手机号码' },
    { pattern: MOBILE_PHONE, message: '手机号码格式不正确' },
  ]
  const codeRules = [{ required: true, message: '请输入短信验证码' }]

  const resend = resendCountdown((secondsLeft) => (countdown.value = secondsLeft))
  onBeforeUnmount(resend.stop)

  function choose(choice: IdentityChoice) {
    if (!choice.enabled) {
      showToast('即将开放')
      return
    }
    chosen.value = choice
    errorMessage.value = ''
    step.value = 'form'
  }

  function fail(error: unknown) {
    const message = error instanceof ApiError ? error.message : '网络异常，请稍后重试'
    errorMessage.value = message
    showFailToast(message)
  }

  async function sendCode() {
    if (sending.value || countdown.value > 0) return
    errorMessage.value = ''
    if (!form.name.trim()) return showFailToast('请输入姓名')
    if (!MOBILE_PHONE.test(form.phone.trim())) return showFailToast('请输入正确的手机号码')
    sending.value = true
    try {
      const sent = await sendIdentityCode(form.name.trim(), form.phone.trim(), chosen.value.key as IdentityType)
      showSuccessToast('验证码已发送')
      resend.start(sent.resendIn)
    } catch (error) {
      fail(error)
    } finally {
      sending.value = false
    }
  }

  async function submit() {
    if (submitting.value) return
    submitting.value = true
    errorMessage.value = ''
    try {
      const user = await bindIdentity(form.name.trim(), form.phone.trim(), form.code.trim(), chosen.value.key as IdentityType)
      setUser(user)
      await router.replace('/')
    } catch (error) {
      fail(error)
    } finally {
      submitting.value = false
    }
  }

  function reauthorize() {
    window.location.assign(wechatAuthorizeUrl('/'))
  }

  return {
    identities: IDENTITIES,
    chosen,
    step,
    form,
    sending,
    submitting,
    countdown,
    errorMessage,
    authError,
    nameRules,
    phoneRules,
    codeRules,
    choose,
    sendCode,
    submit,
    reauthorize,
  }
}
