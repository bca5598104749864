import { onMounted, reactive, ref, shallowRef } from 'vue'
import type { DisclosureTemplate, DisclosureTemplateInput } from '@szpm/api'
import type { DisclosureFieldType } from '@szpm/core'
import { disclosures } from '@/api/disclosures'
import { session } from '@/stores/session'
import { failureMessage, submitForm } from '@/utils/feedback'

interface FieldDraft {
  key: string
  label: string
  type: DisclosureFieldType
  required: boolean
  maxLength?: number
}

/** 信息公开模板: every template with its fields; the city administrator adds and edits them (not a system one). */
export function useDisclosureTemplates() {
  const rows = shallowRef<DisclosureTemplate[]>([])
  const loading = ref(false)
  const errorMessage = ref('')
  const canEdit = session.user?.role === 'city_admin' && session.can('disclosures.manage')
  const editing = ref(false)
  const saving = ref(false)
  const fieldErrors = ref<Record<string, string>>({})
  const current = shallowRef<DisclosureTemplate | null>(null)
  const draft = reactive({ code: '', name: '', active: true, fields: [] as FieldDraft[] })

  async function load() {
    loading.value = true
    errorMessage.value = ''
    try {
      rows.value = (await disclosures.templates()).data
    } catch (error) {
      errorMessage.value = failureMessage(error)
    } finally {
      loading.value = false
    }
  }
  onMounted(load)

  function open(template: DisclosureTemplate | null) {
    current.value = template
    fieldErrors.value = {}
    Object.assign(draft, template
      ? { code: template.code, name: template.name, active: template.active, fields: template.fields.map((f) => ({ ...f })) }
      : { code: '', name: '', active: true, fields: [{ key: 'content', label: '公告内容', type: 'richtext', required: true }] })
    editing.value = true
  }

  function save() {
    return submitForm(saving, fieldErrors, async () => {
      const input: DisclosureTemplateInput = { code: draft.code, name: draft.name, active: draft.active, fields: draft.fields.map((f) => ({ ...f, maxLength: f.maxLength || undefined })) }
      if (current.value) await disclosures.updateTemplate(current.value.id, { ...input, version: current.value.version })
      else await disclosures.createTemplate(input)
      editing.value = false
      ElMessage.success('模板已保存')
      await load()
    })
  }

  return {
    rows, loading, errorMessage, load, canEdit, editing, saving, fieldErrors, current, draft, open, save,
    addField: () => draft.fields.push({ key: '', label: '', type: 'text', required: false }),
    removeField: (index: number) => draft.fields.splice(index, 1),
  }
}
