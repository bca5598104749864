import { computed, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { DisclosureDetail } from '@szpm/api'
import { disclosures } from '@/api/disclosures'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { confirmed, runAction } from '@/utils/feedback'
import { formatDateTime } from '@/utils/format'

/** 查看: one announcement; the street that published it may 发布 / 修改 / 删除 a draft and 作废 (with a reason) a published one. */
export function useDisclosureDetail() {
  const route = useRoute()
  const router = useRouter()
  const item = shallowRef<DisclosureDetail | null>(null)
  const { loading, errorMessage, notFound, run } = useLatestRequest({ notFound: true })
  const id = computed(() => Number(route.params.id))

  function load() {
    return run(() => disclosures.show(id.value), (answer) => (item.value = answer.data), () => (item.value = null))
  }
  watch(id, () => void load(), { immediate: true })

  async function publish() {
    const current = item.value!
    if (!(await confirmed('发布后内容不能再修改，只能作废。确定发布？', '发布信息公开'))) return
    if (await runAction(() => disclosures.publish(current.id, current.version), '已发布')) await load()
  }

  async function voidIt() {
    const current = item.value!
    let reason: string
    try {
      const answer = await ElMessageBox.prompt('作废后仍可查看，以删除线显示。请填写作废原因：', '作废信息公开', {
        confirmButtonText: '作废', cancelButtonText: '取消', inputPattern: /\S{2,}/, inputErrorMessage: '请填写作废原因（至少 2 个字）',
      })
      reason = answer.value
    } catch {
      return
    }
    if (await runAction(() => disclosures.void(current.id, current.version, reason), '已作废')) await load()
  }

  async function destroy() {
    const current = item.value!
    if (!(await confirmed('删除后不可恢复。确定删除该草稿？', '删除草稿'))) return
    if (await runAction(() => disclosures.destroy(current.id, current.version), '已删除')) await router.push({ name: 'disclosures' })
  }

  const edit = () => router.push({ name: 'disclosure-publish', query: { id: String(id.value) } })

  return { item, loading, errorMessage, notFound, load, publish, voidIt, destroy, edit, formatDateTime }
}
