import { computed, ref, watch } from 'vue'
import { useRoute } from 'vue-router'
import type { EstateDetail, FilingHistoryEntry, FilingRecord } from '@szpm/api'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { fetchEstate } from '@/api/estates'
import { fetchEstateFilingRecords } from '@/api/filings'
import { formatDate, formatNumber, orDash } from '@/utils/format'
import { queryId } from '@/utils/query'

export interface InfoItem {
  key: keyof EstateDetail
  label: string
  value: string
}

type TagType = 'success' | 'warning' | 'danger' | 'default'

const RECORD_TAGS: Record<FilingRecord['status'], TagType> = {
  filed: 'success',
  expired: 'warning',
  withdrawn: 'default',
}

export function useEstateFilings() {
  const route = useRoute()

  const estate = ref<EstateDetail | null>(null)
  const records = ref<FilingRecord[]>([])
  const { loading, error, cancel, run } = useLatestRequest({ quiet: [404] })

  const estateId = computed(() => queryId(route.params.id as string | undefined))

  const info = computed<InfoItem[]>(() => {
    const e = estate.value
    if (!e) return []
    return [
      { key: 'name', label: '名称', value: orDash(e.name) },
      { key: 'address', label: '地址', value: orDash(e.address) },
      { key: 'type', label: '类型', value: orDash(e.type) },
      {
        key: 'communityName',
        label: '所属社区',
        value: [e.streetName, e.communityName].filter(Boolean).join(' · ') || '—',
      },
      { key: 'buildingArea', label: '建筑面积', value: `${formatNumber(e.buildingArea)} ㎡` },
      { key: 'houseCount', label: '房屋数', value: `${formatNumber(e.houseCount)} 套` },
      { key: 'householdCount', label: '户数', value: `${formatNumber(e.householdCount)} 户` },
      { key: 'companyName', label: '物业服务企业', value: orDash(e.companyName) },
      { key: 'managerName', label: '项目经理', value: orDash(e.managerName) },
      { key: 'hasCommittee', label: '业主委员会', value: e.hasCommittee ? '已成立' : '未成立' },
    ]
  })


  async function load(): Promise<void> {
    const id = estateId.value
    if (id === undefined) {
      cancel()
      error.value = '项目不存在'
      return
    }
    await run(
      () => Promise.all([fetchEstate(id), fetchEstateFilingRecords(id)]),
      ([detail, filings]) => {
        estate.value = detail
        records.value = filings
      }
    )
  }

  watch(estateId, () => void load(), { immediate: true })

  /** history newest first, so the highlighted (active) step is the latest action */
  function historyOf(record: FilingRecord): FilingHistoryEntry[] {
    return [...record.history].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
  }

  function historyLine(entry: FilingHistoryEntry): string {
    return [entry.actionName, entry.actorName, formatDate(entry.at)].filter(Boolean).join(' · ')
  }

  /** "物业服务合同" → "物业服务合同备案" (kept as is when the name already says 备案) */
  function recordTitle(record: FilingRecord): string {
    return record.kindName.endsWith('备案') ? record.kindName : `${record.kindName}备案`
  }

  function recordTag(record: FilingRecord): TagType {
    return RECORD_TAGS[record.status] ?? 'default'
  }

  return { estate, records, info, loading, error, load, historyOf, historyLine, recordTag, recordTitle, formatDate }
}
