import dayjs from 'dayjs'
import { computed, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { EstateDetail, FilingRecord } from '@szpm/api'
import { show } from '@/api/estates'
import { estatesExportUrl, records as filingRecords } from '@/api/filings'
import { statusTagType } from '@/constants/filing'
import { formatDate, formatNumber, queryNumber } from '@/utils/format'
import { useLatestRequest } from '@/composables/useLatestRequest'

export interface DetailItem {
  key: string
  label: string
  value: string
}

function detailItems(estate: EstateDetail): DetailItem[] {
  return [
    { key: 'name', label: '名称', value: estate.name },
    { key: 'address', label: '地址', value: estate.address },
    { key: 'type', label: '类型', value: estate.type },
    { key: 'community', label: '所属社区', value: estate.communityName },
    { key: 'street', label: '所属街道', value: estate.streetName },
    { key: 'district', label: '所属区', value: estate.districtName },
    { key: 'buildingArea', label: '建筑面积', value: `${formatNumber(estate.buildingArea)} m²` },
    { key: 'houseCount', label: '房屋数', value: formatNumber(estate.houseCount) },
    { key: 'householdCount', label: '户数', value: formatNumber(estate.householdCount) },
    { key: 'company', label: '物业服务企业', value: estate.companyName || '—' },
    { key: 'manager', label: '项目经理', value: estate.managerName || '—' },
    { key: 'committee', label: '业主委员会', value: estate.hasCommittee ? '有' : '无' },
  ]
}

export function useEstateFiling() {
  const route = useRoute()
  const router = useRouter()
  const estateId = computed(() => queryNumber(route.params.id))

  const estate = shallowRef<EstateDetail | null>(null)
  const records = shallowRef<FilingRecord[]>([])
  const { loading, errorMessage, notFound, run } = useLatestRequest({ notFound: true })

  async function load() {
    const id = estateId.value
    if (!id) return
    await run(
      () => Promise.all([show(id), filingRecords(id)]),
      ([detail, list]) => {
        estate.value = detail.data
        records.value = list.data
      },
      () => {
        estate.value = null
        records.value = []
      }
    )
  }

  watch(estateId, load, { immediate: true })

  const items = computed(() => (estate.value ? detailItems(estate.value) : []))
  const exportUrl = computed(() => (estateId.value ? estatesExportUrl({ estate_id: estateId.value }) : ''))

  function goBack() {
    // history.state.back is set by vue-router when this page was reached inside the app
    if (window.history.state?.back) router.back()
    else void router.push({ name: 'filings' })
  }

  function formatTime(value: string): string {
    return dayjs(value).format('YYYY-MM-DD HH:mm')
  }

  return {
    estateId,
    estate,
    records,
    loading,
    errorMessage,
    notFound,
    load,
    items,
    exportUrl,
    goBack,
    statusTagType,
    formatDate,
    formatTime,
  }
}
