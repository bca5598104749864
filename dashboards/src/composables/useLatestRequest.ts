import { ref } from 'vue'
import { ApiError } from '@szpm/api'
import { failureMessage } from '@/utils/feedback'

/**
 * A page's loads where only the newest request counts (filters or the route can change while one is
 * in flight): `loading`, the error text, and — with `notFound` — whether the record answered 404.
 * `run(request, apply, clear)` applies the answer, or clears the page on a failure, only if no newer
 * request started meanwhile.
 */
export function useLatestRequest(options: { notFound?: boolean } = {}) {
  const loading = ref(false)
  const errorMessage = ref('')
  const notFound = ref(false)
  let latest = 0

  async function run<T>(request: () => Promise<T>, apply: (answer: T) => void, clear: () => void): Promise<void> {
    const mine = ++latest
    loading.value = true
    errorMessage.value = ''
    notFound.value = false
    try {
      const answer = await request()
      if (mine === latest) apply(answer)
    } catch (error) {
      if (mine !== latest) return
      clear()
      if (options.notFound && error instanceof ApiError && error.status === 404) notFound.value = true
      else errorMessage.value = failureMessage(error)
    } finally {
      if (mine === latest) loading.value = false
    }
  }

  return { loading, errorMessage, notFound, run }
}
