import { computed, onMounted, reactive, ref } from 'vue'
import type { AccountOptions, ManagedAccount } from '@szpm/api'
import { ApiError } from '@/api/client'
import { create, exportUrl as usersExportUrl, list, optionsOrNone, setFeatures } from '@/api/users'

/** 权限管理: the accounts the user manages, 新增 and 账号赋权. */
export function useAdminUsers() {
  const rows = ref<ManagedAccount[]>([])
  const total = ref(0)
  const page = ref(1)
  const loading = ref(false)
  const error = ref('')
  const filters = reactive({ q: '', role: '' })
  const opts = ref<AccountOptions | null>(null)

  /** the same filters, every page, as Excel */
  const exportUrl = computed(() => usersExportUrl({ q: filters.q || undefined, role: filters.role || undefined }))

  async function load() {
    loading.value = true
    error.value = ''
    try {
      const response = await list({ q: filters.q || undefined, role: filters.role || undefined, page: page.value, per_page: 20 })
      rows.value = response.data
      total.value = response.meta.total
    } catch (e) {
      error.value = e instanceof Error ? e.message : '加载失败'
    } finally {
      loading.value = false
    }
  }

  function search() {
    page.value = 1
    void load()
  }

  // 新增
  const createOpen = ref(false)
  const saving = ref(false)
  const form = reactive({ name: '', phone: '', role: '', region_id: undefined as number | undefined, password: '', features: [] as string[] })
  const fieldErrors = ref<Record<string, string>>({})
  const roleLevel = computed(() => opts.value?.roles.find((r) => r.code === form.role)?.regionLevel)
  const regionChoices = computed(() => (opts.value?.regions ?? []).filter((r) => r.level === roleLevel.value))
  const featureTree = computed(() =>
    (opts.value?.features ?? []).map((group) => ({
      id: `m${group.no}-${group.module}`,
      label: group.module,
      children: group.features.map((f) => ({ id: f.code, label: f.label })),
    }))
  )

  function openCreate() {
    Object.assign(form, { name: '', phone: '', role: opts.value?.roles[0]?.code ?? '', password: '', features: [] })
    onRoleChange()
    fieldErrors.value = {}
    createOpen.value = true
  }

  function onRoleChange() {
    const role = opts.value?.roles.find((r) => r.code === form.role)
    form.features = [...(role?.defaultFeatures ?? [])]
    form.region_id = regionChoices.value.length === 1 ? regionChoices.value[0].id : regionChoices.value[0]?.id
  }

  async function submitCreate(checked: string[]) {
    saving.value = true
    fieldErrors.value = {}
    try {
      const response = await create({
        name: form.name, phone: form.phone, role: form.role, region_id: form.region_id,
        features: checked, password: form.password || undefined,
      })
      createOpen.value = false
      const initial = response.meta.initialPassword
      if (initial) await ElMessageBox.alert(`初始密码：${initial}，请告知本人并提醒其登录后修改`, '账号已创建')
      else ElMessage.success('账号已创建')
      await load()
    } catch (e) {
      if (e instanceof ApiError) {
        fieldErrors.value = e.fields
        if (!Object.keys(e.fields).length) ElMessage.error(e.message)
      } else throw e
    } finally {
      saving.value = false
    }
  }

  // 账号赋权
  const grantOpen = ref(false)
  const grantTarget = ref<ManagedAccount | null>(null)
  const grantError = ref('')
  function openGrant(row: ManagedAccount) {
    grantTarget.value = row
    grantError.value = ''
    grantOpen.value = true
  }
  async function submitGrant(checked: string[]) {
    if (!grantTarget.value) return
    saving.value = true
    grantError.value = ''
    try {
      await setFeatures(grantTarget.value.id, checked)
      grantOpen.value = false
      ElMessage.success('功能权限已更新')
      await load()
    } catch (e) {
      grantError.value = e instanceof Error ? e.message : '保存失败'
    } finally {
      saving.value = false
    }
  }

  onMounted(async () => {
    void load()
    opts.value = await optionsOrNone()
  })

  return {
    rows, total, page, loading, error, filters, opts, load, search, exportUrl,
    createOpen, saving, form, fieldErrors, regionChoices, featureTree, openCreate, onRoleChange, submitCreate,
    grantOpen, grantTarget, grantError, openGrant, submitGrant,
  }
}
