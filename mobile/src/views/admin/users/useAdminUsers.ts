import { computed, onMounted, reactive, ref } from 'vue'
import type { AccountOptions, ManagedAccount } from '@szpm/api'
import { ApiError } from '@szpm/api'
import { create, list, optionsOrNone, setFeatures } from '@/api/users'

/** H5 权限管理: the managed accounts, 新增 and 赋权 (van-checkbox-group). */
export function useAdminUsers() {
  const rows = ref<ManagedAccount[]>([])
  const loading = ref(false)
  const opts = ref<AccountOptions | null>(null)
  const features = computed(() => (opts.value?.features ?? []).flatMap((g) => g.features.map((f) => ({ ...f, module: g.module }))))

  async function load() {
    loading.value = true
    try {
      rows.value = (await list({ per_page: 200 })).data
    } catch (e) {
      showFailToast(e instanceof Error ? e.message : '加载失败')
    } finally {
      loading.value = false
    }
  }

  const mode = ref<'list' | 'create' | 'grant'>('list')
  const form = reactive({ name: '', phone: '', role: '', region_id: undefined as number | undefined, features: [] as string[] })
  const errors = ref<Record<string, string>>({})
  const target = ref<ManagedAccount | null>(null)
  const regionChoices = computed(() => {
    const level = opts.value?.roles.find((r) => r.code === form.role)?.regionLevel
    return (opts.value?.regions ?? []).filter((r) => r.level === level)
  })

  function pickRole(code: string) {
    form.role = code
    form.features = [...(opts.value?.roles.find((r) => r.code === code)?.defaultFeatures ?? [])]
    form.region_id = regionChoices.value[0]?.id
  }

  function openCreate() {
    Object.assign(form, { name: '', phone: '' })
    pickRole(opts.value?.roles[0]?.code ?? '')
    errors.value = {}
    mode.value = 'create'
  }

  function openGrant(row: ManagedAccount) {
    target.value = row
    form.features = [...row.features]
    mode.value = 'grant'
  }

  async function submit() {
    errors.value = {}
    try {
      if (mode.value === 'create') {
        const response = await create({ name: form.name, phone: form.phone, role: form.role, region_id: form.region_id, features: form.features })
        if (response.meta.initialPassword) await showDialog({ title: '账号已创建', message: `初始密码：${response.meta.initialPassword}` })
        else showSuccessToast('账号已创建')
      } else if (target.value) {
        await setFeatures(target.value.id, form.features)
        showSuccessToast('功能权限已更新')
      }
      mode.value = 'list'
      await load()
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) errors.value = e.fields
      else showFailToast(e instanceof Error ? e.message : '保存失败')
    }
  }

  onMounted(async () => {
    void load()
    opts.value = await optionsOrNone()
  })

  return { rows, loading, opts, features, mode, form, errors, target, regionChoices, pickRole, openCreate, openGrant, submit }
}
