import { computed, onMounted, reactive, ref, shallowRef } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { DisclosureEstateOption, DisclosureInput, DisclosureTemplate } from '@szpm/api'
import { disclosures } from '@/api/disclosures'
import { submitForm } from '@/utils/feedback'

/**
 * 发布信息公开: choose a template (its declared fields appear), the estate and the title, fill the
 * fields, 预览 (the server composes and sanitises the text exactly as it will be stored), then 保存草稿
 * or 发布. `?id=` edits a draft.
 */
export function useDisclosurePublish() {
  const route = useRoute()
  const router = useRouter()
  const templates = shallowRef<DisclosureTemplate[]>([])
  const estates = shallowRef<DisclosureEstateOption[]>([])
  const draft = reactive({ template_id: undefined as number | undefined, estate_id: undefined as number | undefined, title: '', fields: {} as Record<string, string | number> })
  const editing = shallowRef<{ id: number; version: number } | null>(null)
  const fieldErrors = ref<Record<string, string>>({})
  const saving = ref(false)
  const previewHtml = ref<string | null>(null)
  const loadError = ref('')

  /** the templates a street publishes by hand: active ones that no process owns */
  const publishable = computed(() => templates.value.filter((t) => t.active && !t.system))
  const template = computed(() => templates.value.find((t) => t.id === draft.template_id) ?? null)

  onMounted(async () => {
    try {
      const [t, e] = await Promise.all([disclosures.templates(), disclosures.estates()])
      templates.value = t.data
      estates.value = e.data
      const id = Number(route.query.id)
      if (id) {
        const { data } = await disclosures.show(id)
        editing.value = { id: data.id, version: data.version }
        Object.assign(draft, { template_id: data.templateId, estate_id: data.estateId, title: data.title, fields: { ...data.fields } })
      } else {
        draft.template_id = publishable.value[0]?.id
        draft.estate_id = estates.value[0]?.id
      }
    } catch (error) {
      loadError.value = error instanceof Error ? error.message : '加载失败'
    }
  })

  function chooseTemplate(id: number) {
    draft.template_id = id
    draft.fields = {}
    previewHtml.value = null
  }

  function input(): DisclosureInput {
    const fields = Object.fromEntries(Object.entries(draft.fields).filter(([, value]) => value !== '' && value !== null && value !== undefined))
    return { template_id: draft.template_id ?? 0, estate_id: draft.estate_id ?? 0, title: draft.title, fields }
  }

  function preview() {
    return submitForm(saving, fieldErrors, async () => {
      previewHtml.value = (await disclosures.preview(input())).data.bodyHtml
    })
  }

  /** 保存草稿 (publish false) or 发布 (true); opens the announcement */
  function save(publish: boolean) {
    return submitForm(saving, fieldErrors, async () => {
      const body = { ...input(), publish }
      const { data } = editing.value ? await disclosures.update(editing.value.id, { ...body, version: editing.value.version }) : await disclosures.create(body)
      ElMessage.success(publish ? '已发布' : '草稿已保存')
      await router.push({ name: 'disclosure-detail', params: { id: String(data.id) } })
    })
  }

  return { templates, publishable, estates, template, draft, editing, fieldErrors, saving, previewHtml, loadError, chooseTemplate, preview, save }
}
