import { Exception } from '@adonisjs/core/exceptions'

/** What a code is for; each purpose has its own SMS template (they may share one template code). */
export type SmsTemplate = 'login' | 'bind' | 'change_phone'
/** every template the provider sends: the verification codes and the notification fallback ('notice') */
export type SmsMessageTemplate = SmsTemplate | 'notice'

/** the verification-code purposes ('notice' is the notification fallback of app/modules/messages: `{ title, link }`) */
export const SMS_TEMPLATES: readonly SmsTemplate[] = ['login', 'bind', 'change_phone']

/** Sends verification-code SMS. `phone` is a mainland mobile number without +86 (11 digits). */
export interface SmsProvider {
  send(phone: string, template: SmsMessageTemplate, params: Readonly<Record<string, string>>): Promise<void>
}

/**
 * The provider refused or could not be reached. The message is for the user; `providerCode` and
 * `providerMessage` (e.g. `isv.BUSINESS_LIMIT_CONTROL`) are for the log.
 */
export class SmsSendError extends Exception {
  static status = 502
  static code = 'E_SMS_SEND_FAILED'

  readonly providerCode: string
  readonly providerMessage: string

  constructor(providerCode: string, providerMessage: string, options?: { cause?: unknown }) {
    super('短信发送失败，请稍后重试', { status: 502, code: 'E_SMS_SEND_FAILED', cause: options?.cause })
    this.providerCode = providerCode
    this.providerMessage = providerMessage
  }
}
