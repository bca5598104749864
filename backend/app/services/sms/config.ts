/*
| SMS gateway configuration, read from the environment (variables documented in
| docs/identity_providers.md). Outside production every variable has a default that points the real
| Alibaba Cloud SDK at the local stub (`backend/stubs/sms_stub.ts`, port 3391); in production the
| credentials, sign name and template code must be set explicitly.
*/
import type { SmsMessageTemplate } from './types.ts'

export interface SmsConfig {
  /** `host[:port]` handed to the SDK as its endpoint, e.g. `dysmsapi.aliyuncs.com` */
  endpoint: string
  protocol: 'http' | 'https'
  accessKeyId: string
  accessKeySecret: string
  /** 短信签名, e.g. 深圳物业监管 */
  signName: string
  /** template code per purpose (a verification-code template may serve all three) */
  templates: Record<SmsMessageTemplate, string>
  /** connect and read timeout of one SendSms call */
  timeoutMs: number
}

export const SMS_DEV_DEFAULTS = {
  endpoint: 'http://127.0.0.1:3391',
  accessKeyId: 'stub-access-key-id',
  accessKeySecret: 'stub-access-key-secret',
  signName: '深圳物业监管',
  templateCode: 'SMS_000000001',
} as const

type Env = Record<string, string | undefined>

/** Parses `SMS_ENDPOINT` (`https://dysmsapi.aliyuncs.com` or a bare host, which means https). */
export function parseSmsEndpoint(value: string): { endpoint: string; protocol: 'http' | 'https' } {
  const withScheme = /^[a-z]+:\/\//i.test(value) ? value : `https://${value}`
  const url = new URL(withScheme)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`SMS_ENDPOINT must be an http(s) URL or a host name, got "${value}"`)
  }
  return { endpoint: url.host, protocol: url.protocol === 'http:' ? 'http' : 'https' }
}

export function smsConfig(env: Env = process.env): SmsConfig {
  const production = env.NODE_ENV === 'production'
  const read = (name: string, devDefault: string) => {
    const value = env[name]?.trim()
    if (value) return value
    if (production) throw new Error(`${name} must be set in production (see docs/identity_providers.md)`)
    return devDefault
  }
  const fallbackTemplate = read('SMS_TEMPLATE_CODE', SMS_DEV_DEFAULTS.templateCode)
  return {
    ...parseSmsEndpoint(env.SMS_ENDPOINT?.trim() || (production ? 'https://dysmsapi.aliyuncs.com' : SMS_DEV_DEFAULTS.endpoint)),
    accessKeyId: read('SMS_ACCESS_KEY_ID', SMS_DEV_DEFAULTS.accessKeyId),
    accessKeySecret: read('SMS_ACCESS_KEY_SECRET', SMS_DEV_DEFAULTS.accessKeySecret),
    signName: read('SMS_SIGN_NAME', SMS_DEV_DEFAULTS.signName),
    templates: {
      login: env.SMS_TEMPLATE_CODE_LOGIN?.trim() || fallbackTemplate,
      bind: env.SMS_TEMPLATE_CODE_BIND?.trim() || fallbackTemplate,
      change_phone: env.SMS_TEMPLATE_CODE_CHANGE_PHONE?.trim() || fallbackTemplate,
      // the notification fallback (app/modules/messages): params { title, link }
      notice: env.SMS_TEMPLATE_CODE_NOTICE?.trim() || fallbackTemplate,
    },
    timeoutMs: Number(env.SMS_TIMEOUT_MS?.trim() || 5000),
  }
}
