import { ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { WeatherBoard, WeatherEstateOption } from '@szpm/core'
import { weatherBoard, weatherEstates } from '@/api/weather'
import { useLatestRequest } from '@/composables/useLatestRequest'

/**
 * 小区气象公告栏 (PC): search the estates of the user's scope by keyword, pick one, 确定选择, then
 * the board of the confirmed estate. The confirmed estate is kept in the URL (`?estate=`), so a
 * reload or a shared link shows the same board.
 */
export function useWeatherBoard() {
  const route = useRoute()
  const router = useRouter()
  const keyword = ref('')
  const options = shallowRef<WeatherEstateOption[]>([])
  const limited = ref(false)
  const picked = ref<number | null>(null)
  const board = shallowRef<WeatherBoard | null>(null)
  const search = useLatestRequest()
  const load = useLatestRequest({ notFound: true })

  function find() {
    return search.run(
      () => weatherEstates(keyword.value.trim()),
      (answer) => {
        options.value = answer.data
        limited.value = Boolean(answer.meta.limited)
        if (!answer.data.some((option) => option.id === picked.value)) picked.value = null
      },
      () => {
        options.value = []
        limited.value = false
      }
    )
  }

  function confirm() {
    if (picked.value === null) return
    void router.replace({ query: { ...route.query, estate: String(picked.value) } })
  }

  function loadBoard(id: number) {
    return load.run(
      () => weatherBoard(id),
      (answer) => {
        board.value = answer.data
      },
      () => {
        board.value = null
      }
    )
  }

  const confirmedId = () => {
    const id = Number(route.query.estate)
    return Number.isInteger(id) && id > 0 ? id : null
  }

  watch(
    () => route.query.estate,
    () => {
      const id = confirmedId()
      if (id) {
        picked.value = id
        void loadBoard(id)
      } else board.value = null
    },
    { immediate: true }
  )
  void find()

  return {
    keyword, options, limited, picked, board, find, confirm,
    searching: search.loading, searchError: search.errorMessage,
    loading: load.loading, loadError: load.errorMessage, notFound: load.notFound,
    reload: () => {
      const id = confirmedId()
      if (id) void loadBoard(id)
    },
  }
}
