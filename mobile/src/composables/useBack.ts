import { useRouter, type RouteLocationRaw } from 'vue-router'

/**
 * Nav-bar back: go back in history when this app put us here, otherwise to `fallback`
 * (e.g. the page was opened directly from a WeChat message).
 */
export function useBack(fallback: RouteLocationRaw = '/') {
  const router = useRouter()
  return () => {
    if (window.history.state?.back) router.back()
    else void router.replace(fallback)
  }
}
