/*
| The SMS provider the application uses. Today that is always Alibaba Cloud through its SDK; in
| development and tests its endpoint is the local stub, so the same code path runs everywhere.
*/
import { AlibabaSmsProvider } from './alibaba_sms_provider.ts'
import { smsConfig } from './config.ts'
import type { SmsProvider } from './types.ts'

export { AlibabaSmsProvider } from './alibaba_sms_provider.ts'
export { smsConfig, parseSmsEndpoint, SMS_DEV_DEFAULTS, type SmsConfig } from './config.ts'
export { SmsSendError, SMS_TEMPLATES, type SmsProvider, type SmsTemplate } from './types.ts'

export function createSmsProvider(env: Record<string, string | undefined> = process.env): SmsProvider {
  return new AlibabaSmsProvider(smsConfig(env))
}
