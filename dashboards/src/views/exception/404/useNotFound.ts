import { useRouter } from 'vue-router'

export function useNotFound() {
  const router = useRouter()
  return { goHome: () => router.push({ name: 'home' }) }
}
