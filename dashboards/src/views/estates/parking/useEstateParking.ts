import { computed } from 'vue'
import { useRoute } from 'vue-router'
import { ElMessage } from 'element-plus'
import { PARKING_SPACE_KINDS, PARKING_SPACE_STATUSES, type ParkingSpaceKind, type ParkingSpaceStatus } from '@szpm/core'
import { emptyParkingSpaceForm, parkingSpaceFormOf, saveParkingSpace, type EstateParkingMeta, type ParkingSpaceRow } from '@szpm/api'
import { api } from '@/api/client'
import { useEditDialog } from '@/composables/useEditDialog'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { confirmed, failureMessage } from '@/utils/feedback'
import { queryString } from '@/utils/format'

export const KIND_OPTIONS = Object.entries(PARKING_SPACE_KINDS).map(([value, label]) => ({ value: value as ParkingSpaceKind, label }))
export const STATUS_OPTIONS = Object.entries(PARKING_SPACE_STATUSES).map(([value, label]) => ({ value: value as ParkingSpaceStatus, label }))

type SpaceFilters = { kind?: ParkingSpaceKind; q?: string }

/**
 * 本项目车位 (the estate's 项目经理): the estate's parking spaces (filters and page in the URL, by kind
 * and number / location, exported with the same filters), whether its parking information was ever
 * filled in (the first space fills it in), add / edit / delete with the version the row was read at
 * (someone else's change since is a 409: the list reloads).
 */
export function useEstateParking() {
  const route = useRoute()
  const estateId = computed(() => Number(route.params.id))
  const list = usePagedQueryList<SpaceFilters, ParkingSpaceRow, EstateParkingMeta>({
    routeName: 'estate-parking',
    fields: {
      kind: { param: 'kind', parse: (value) => queryString(value) as ParkingSpaceKind | undefined },
      q: { param: 'q', parse: queryString },
    },
    scopeKeys: [],
    formKeys: ['kind', 'q'],
    fetch: (query) => api.parking.estateSpaces(estateId.value, query),
    exportUrl: (filters) => api.parking.estateSpacesExportUrl(estateId.value, filters),
  })

  const dialog = useEditDialog({
    empty: emptyParkingSpaceForm,
    formOf: parkingSpaceFormOf,
    submit: (form, editing: ParkingSpaceRow | null) => saveParkingSpace(api.parking, estateId.value, form, editing),
    reload: list.load,
  })

  async function remove(row: ParkingSpaceRow) {
    if (!(await confirmed(`确定删除车位“${row.code}”吗？`, '删除车位'))) return
    try {
      await api.parking.deleteSpace(row.id, row.version)
      ElMessage.success('已删除')
    } catch (error) {
      ElMessage.error(failureMessage(error))
    }
    await list.load()
  }

  return { estateId, list, dialog, remove }
}
