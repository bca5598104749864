import { reactive, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { FormInstance, FormRules } from 'element-plus'
import { ApiError } from '@szpm/api'
import { login } from '@/api/auth'
import { session } from '@/stores/session'

/** only same-site absolute paths are honoured as a post-login redirect */
function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/'
}

export function useLogin() {
  const route = useRoute()
  const router = useRouter()

  const formRef = ref<FormInstance>()
  const form = reactive({ phone: '', password: '' })
  const rules: FormRules = {
    phone: [{ required: true, message: '请输入手机号', trigger: 'blur' }],
    password: [{ required: true, message: '请输入密码', trigger: 'blur' }],
  }
  const loading = ref(false)
  const errorMessage = ref('')
  const fieldErrors = ref<Record<string, string>>({})

  async function submit() {
    if (loading.value) return
    const valid = await formRef.value?.validate().catch(() => false)
    if (valid === false) return
    loading.value = true
    errorMessage.value = ''
    fieldErrors.value = {}
    try {
      const { data } = await login(form.phone.trim(), form.password)
      session.setUser(data)
      await router.replace(safeRedirect(route.query.redirect))
    } catch (error) {
      if (error instanceof ApiError) {
        errorMessage.value = error.message
        fieldErrors.value = error.fields
      } else {
        errorMessage.value = '网络异常，请稍后重试'
      }
    } finally {
      loading.value = false
    }
  }

  return { formRef, form, rules, loading, errorMessage, fieldErrors, submit }
}
