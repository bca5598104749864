import { computed, onMounted } from 'vue'
import { useRoute } from 'vue-router'
import { wechatAuthorizeUrl } from '@/api/auth'
import { queryString } from '@/utils/query'

/**
 * The H5 signs in through WeChat web authorisation only (the openid identifies the person; an
 * unbound WeChat goes on to the identity page). This page just starts it — at once, or after
 * 退出登录 with a button, so logging out does not sign the person straight back in.
 */
export function useLogin() {
  const route = useRoute()
  const loggedOut = computed(() => queryString(route.query.logged_out) === '1')

  /** only same-app paths are honoured as a redirect target */
  function redirectTarget(): string {
    const target = queryString(route.query.redirect)
    return target && target.startsWith('/') && !target.startsWith('//') ? target : '/'
  }

  function authorize(): void {
    window.location.assign(wechatAuthorizeUrl(redirectTarget()))
  }

  onMounted(() => {
    if (!loggedOut.value) authorize()
  })

  return { loggedOut, authorize }
}
