import { computed, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { WeatherBoard, WeatherEstateOption } from '@szpm/core'
import { weatherBoard, weatherEstates } from '@/api/weather'
import { useLatestRequest } from '@/composables/useLatestRequest'

/**
 * 小区气象公告栏 on the phone: 选择小区 (keyword → list → 确定选择), then the confirmed estate's board.
 * The confirmed estate is kept in the URL (`?estate=`): back returns to the picker, a reload keeps it.
 */
export function useWeatherBoard() {
  const route = useRoute()
  const router = useRouter()
  const keyword = ref('')
  const options = shallowRef<WeatherEstateOption[]>([])
  const limited = ref(false)
  const searched = ref(false)
  const picked = ref<number | null>(null)
  const board = shallowRef<WeatherBoard | null>(null)
  const search = useLatestRequest()
  const load = useLatestRequest({ quiet: [404] })
  const confirmedId = computed(() => {
    const id = Number(route.query.estate)
    return Number.isInteger(id) && id > 0 ? id : null
  })

  function find() {
    return search.run(
      () => weatherEstates(keyword.value.trim()),
      (answer) => {
        options.value = answer.data
        limited.value = Boolean(answer.meta.limited)
        searched.value = true
      }
    )
  }

  function confirm() {
    if (picked.value !== null) void router.push({ query: { estate: String(picked.value) } })
  }

  function loadBoard() {
    const id = confirmedId.value
    if (!id) return
    return load.run(
      () => weatherBoard(id),
      (answer) => {
        board.value = answer.data
      }
    )
  }

  watch(
    confirmedId,
    (id) => {
      board.value = null
      if (id) void loadBoard()
      else if (!searched.value) void find()
    },
    { immediate: true }
  )

  return {
    keyword, options, limited, searched, picked, board, confirmedId, find, confirm, loadBoard,
    searching: search.loading, searchError: search.error, loading: load.loading, loadError: load.error,
  }
}
