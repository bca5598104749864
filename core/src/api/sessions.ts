/** PC 登录 (module 2): the signed-in user, password + SMS login, log out (everywhere). */
import type { Http } from './http.ts'
import type { CodeSent, CurrentUser } from './types.ts'

export function sessionsApi(http: Http) {
  return {
    me: () => http.call<CurrentUser>('session.show'),
    /** PC login step 1: checks the password and texts a login code */
    sendLoginCode: (phone: string, password: string) => http.call<CodeSent>('session.sms', { body: { phone, password } }),
    /** PC login step 2: password and SMS code */
    login: (phone: string, password: string, code: string) =>
      http.call<CurrentUser>('session.store', { body: { phone, password, code } }),
    logout: () => http.call<null>('session.destroy'),
    /** 退出所有设备 */
    logoutAll: () => http.call<null>('session.destroy_all'),
  }
}
