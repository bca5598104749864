/** Wire types of PC 登录 (module 2) and 微信端身份认证 (module 1): the signed-in user, SMS codes. */
import type { RegionRef } from './common.ts'

export interface CurrentUser {
  id: number
  name: string
  /** masked, e.g. 138****1234 */
  phone: string
  role: string
  roleName: string
  region: RegionRef & { path: RegionRef[] }
  features: string[]
  /**
   * An estate-side account's own estates (项目经理, 业委会主任, 业主: its whole data scope, ascending id);
   * empty for government accounts, whose scope is `region`.
   */
  estates: OwnEstate[]
}

/** One estate an estate-side account answers for (`user_estates`). */
export interface OwnEstate {
  id: number
  name: string
  /** project_manager | committee_director | owner */
  relation: string
}

/** An SMS code was sent (PC login step 1, H5 identity binding). */
export interface CodeSent {
  sent: true
  /** seconds until another code may be requested */
  resendIn: number
  /** seconds the code stays valid */
  expiresIn: number
}

/** A login CAPTCHA (asked for after wrong passwords): send its id and the typed answer with the next login step. */
export interface LoginCaptcha {
  id: string
  /** an SVG image as a data URL */
  image: string
  /** seconds the CAPTCHA stays valid */
  expiresIn: number
}

/** The CAPTCHA a login step carries once the API asked for one (an error on the field `captcha`). */
export interface CaptchaAnswer {
  captcha_id: string
  captcha: string
}
