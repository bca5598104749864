/** PC 登录 (module 2): the signed-in user, password + SMS login, log out (everywhere). */
import type { Http } from './http.ts'
import type { CaptchaAnswer, CodeSent, CurrentUser, LoginCaptcha } from './types.ts'

export function sessionsApi(http: Http) {
  return {
    me: () => http.call<CurrentUser>('session.show'),
    /** PC login step 1: checks the password and texts a login code (with a CAPTCHA once the API asks for one) */
    sendLoginCode: (phone: string, password: string, captcha?: CaptchaAnswer) =>
      http.call<CodeSent>('session.sms', { body: { phone, password, ...captcha } }),
    /** PC login step 2: password and SMS code (and a CAPTCHA once the API asks for one) */
    login: (phone: string, password: string, code: string, captcha?: CaptchaAnswer) =>
      http.call<CurrentUser>('session.store', { body: { phone, password, code, ...captcha } }),
    /** a login CAPTCHA, asked for after wrong passwords (an ApiError with `fields.captcha`) */
    loginCaptcha: () => http.call<LoginCaptcha>('session.captcha'),
    logout: () => http.call<null>('session.destroy'),
    /** 退出所有设备 */
    logoutAll: () => http.call<null>('session.destroy_all'),
  }
}
