import { computed, onMounted, reactive, ref, shallowRef } from 'vue'
import { useRouter } from 'vue-router'
import type { ProxyEstate, VotingMeetingRow, VotingMeetingQuery } from '@szpm/api'
import { VOTING_MEETING_STATUSES, type VotingMeetingKind, type VotingMeetingStatus } from '@szpm/core'
import { voting } from '@/api/voting'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { session } from '@/stores/session'
import { submitForm } from '@/utils/feedback'
import { formatDateTime, queryString } from '@/utils/format'

interface MeetingFilters {
  status?: string
}

const STATUS_CODES = Object.keys(VOTING_MEETING_STATUSES)
const apiQuery = (filters: Partial<MeetingFilters> & { page?: number; per_page?: number }): VotingMeetingQuery => ({
  status: STATUS_CODES.includes(filters.status ?? '') ? (filters.status as VotingMeetingStatus) : undefined,
  page: filters.page,
  per_page: filters.per_page,
})

interface TopicDraft {
  title: string
  description: string
  art278_item: number
}

/**
 * 表决会议: the meetings of the user's estates (an owners' committee director) or region (street and
 * bureaus), with 导出Excel; the director convenes a new one for an estate of theirs (新建表决会议), the
 * street (voting.manage) for an estate of its scope without an owners' committee (as the 居代业 body).
 */
export function useVotingMeetings() {
  const list = usePagedQueryList<MeetingFilters, VotingMeetingRow>({
    routeName: 'voting-meetings',
    fields: { status: { param: 'status', parse: queryString } },
    scopeKeys: [],
    formKeys: ['status'],
    fetch: (query) => voting.meetings(apiQuery(query)),
    exportUrl: (filters) => voting.exportUrl(apiQuery(filters)),
  })

  /** the estates the signed-in 业委会主任 convenes for */
  const directedEstates = computed(() => (session.user?.estates ?? []).filter((estate) => estate.relation === 'committee_director'))
  /** the street (voting.manage) convenes as the 居代业 body for its estates without an owners' committee */
  const proxyEstates = shallowRef<ProxyEstate[]>([])
  onMounted(async () => {
    if (!session.can('voting.manage')) return
    try {
      proxyEstates.value = (await voting.proxyEstates()).data
    } catch {
      proxyEstates.value = []
    }
  })
  /** what 新建表决会议 offers: the director's estates, or the street's estates without committee */
  const convenableEstates = computed(() => [
    ...directedEstates.value.map((estate) => ({ id: estate.id, name: estate.name })),
    ...proxyEstates.value.map((estate) => ({ id: estate.id, name: `${estate.name}（未成立业委会，居代业）` })),
  ])
  const creating = ref(false)
  const saving = ref(false)
  const fieldErrors = ref<Record<string, string>>({})
  const draft = reactive({
    estate_id: undefined as number | undefined,
    kind: 'owners_assembly' as VotingMeetingKind,
    title: '',
    period: [] as string[],
    topics: [{ title: '', description: '', art278_item: 4 }] as TopicDraft[],
  })
  const router = useRouter()

  function openCreate() {
    fieldErrors.value = {}
    Object.assign(draft, { estate_id: convenableEstates.value[0]?.id, kind: 'owners_assembly', title: '', period: [], topics: [{ title: '', description: '', art278_item: 4 }] })
    creating.value = true
  }

  /** saves the draft and opens it (to review, then 发布) */
  function create() {
    return submitForm(saving, fieldErrors, async () => {
      const { data } = await voting.createMeeting({
        estate_id: draft.estate_id ?? 0,
        kind: draft.kind,
        title: draft.title,
        opens_at: draft.period[0] ?? '',
        closes_at: draft.period[1] ?? '',
        topics: draft.topics.map((topic) => ({ title: topic.title, description: topic.description || undefined, art278_item: topic.art278_item })),
      })
      creating.value = false
      ElMessage.success('表决会议已保存为草稿')
      await router.push({ name: 'voting-meeting', params: { id: String(data.id) } })
    })
  }

  return {
    ...list, formatDateTime, directedEstates, proxyEstates, convenableEstates, creating, saving, fieldErrors, draft, openCreate, create,
    addTopic: () => draft.topics.push({ title: '', description: '', art278_item: 1 }),
    removeTopic: (index: number) => draft.topics.splice(index, 1),
  }
}
