import { useRouter } from 'vue-router'

export function useNotFound() {
  const router = useRouter()
  function goHome(): void {
    void router.replace('/')
  }
  return { goHome }
}
