/** 微信端身份认证 (module 1): WeChat authorisation and binding on the H5. */
import type { Http } from './http.ts'
import type { CodeSent, CurrentUser } from './types.ts'
import type { IdentityType } from '../modules/identity.ts'

export function identityApi(http: Http) {
  return {
    /** full-page navigation target that starts WeChat web authorisation; `redirect` is an H5 path (/m/…) */
    authorizeUrl: (redirect?: string) => http.url('wechat.authorize', { query: { redirect } }),
    /** `identity_type`: the identity chosen on the page; an account of another type is refused */
    sendCode: (name: string, phone: string, identityType: IdentityType = 'government') =>
      http.call<CodeSent>('identity.sms', { body: { name, phone, identity_type: identityType } }),
    bind: (name: string, phone: string, code: string, identityType: IdentityType = 'government') =>
      http.call<CurrentUser>('identity.bind', { body: { name, phone, code, identity_type: identityType } }),
  }
}
