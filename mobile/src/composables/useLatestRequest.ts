import { ref } from 'vue'
import { ApiError } from '@/api/client'

const NETWORK_ERROR = '网络异常，请稍后重试'

/**
 * A page's loads where only the newest request counts (the route can change while one is in
 * flight): `loading`, the error text, and `run(request, apply, settle?)`, which applies the answer
 * only if no newer request started meanwhile. A failure sets `error` and shows a toast, except for
 * 401 (the app goes to sign-in) and the statuses in `quiet` (e.g. 404, which the page shows itself).
 */
export function useLatestRequest(options: { quiet?: number[] } = {}) {
  const loading = ref(false)
  const error = ref<string | null>(null)
  let latest = 0

  /** forget any request in flight (its answer will be ignored) */
  function cancel(): void {
    latest++
    loading.value = false
  }

  async function run<T>(request: () => Promise<T>, apply: (answer: T) => void, settle?: () => void): Promise<void> {
    const mine = ++latest
    loading.value = true
    error.value = null
    try {
      const answer = await request()
      if (mine === latest) apply(answer)
    } catch (caught) {
      if (mine !== latest) return
      const message = caught instanceof ApiError ? caught.message : NETWORK_ERROR
      error.value = message
      const status = caught instanceof ApiError ? caught.status : 0
      if (status !== 401 && !(options.quiet ?? []).includes(status)) showFailToast(message)
    } finally {
      if (mine === latest) {
        loading.value = false
        settle?.()
      }
    }
  }

  return { loading, error, cancel, run }
}
