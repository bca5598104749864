import { computed, onBeforeUnmount, reactive, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { MOBILE_PHONE, resendCountdown } from '@szpm/core'
import { ApiError } from '@/api/client'
import { bindIdentity, sendIdentityCode, wechatAuthorizeUrl } from '@/api/auth'
import { setUser } from '@/stores/session'
import { queryString } from '@/utils/query'

export interface IdentityChoice {
  key: string
  title: string
  description: string
  enabled: boolean
}

/** Whom the H5 serves; only government supervisors can bind today. */
export const IDENTITIES: IdentityChoice[] = [
  { key: 'government', title: '各级政府物业监管部门人员', description: '市、区住建部门，街道办，社区工作人员', enabled: true },
  { key: 'company', title: '物业企业', description: '物业服务企业及项目工作人员', enabled: false },
  { key: 'owner', title: '业主', description: '小区业主及业主委员会成员', enabled: false },
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
      const sent = await sendIdentityCode(form.name.trim(), form.phone.trim())
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
      const user = await bindIdentity(form.name.trim(), form.phone.trim(), form.code.trim())
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
