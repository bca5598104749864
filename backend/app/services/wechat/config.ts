/*
| WeChat official account (公众号) configuration, read from the environment (variables documented in
| docs/identity_providers.md). Outside production every variable has a default that points the client
| at the local stub (`backend/stubs/wechat_stub.ts`, port 3392); in production the AppID and AppSecret
| must be set and the base URLs default to WeChat's own hosts.
*/
export interface WechatConfig {
  appId: string
  appSecret: string
  /** api.weixin.qq.com: /sns/oauth2/access_token, /cgi-bin/token, /cgi-bin/ticket/getticket, … */
  apiBase: string
  /** open.weixin.qq.com: /connect/oauth2/authorize (opened by the user's browser, not by us) */
  openBase: string
  timeoutMs: number
}

export const WECHAT_DEV_DEFAULTS = {
  appId: 'wx0000000000stub',
  appSecret: 'stub-app-secret',
  base: 'http://127.0.0.1:3392',
} as const

type Env = Record<string, string | undefined>

export function wechatConfig(env: Env = process.env): WechatConfig {
  const production = env.NODE_ENV === 'production'
  const read = (name: string, devDefault: string, productionDefault?: string) => {
    const value = env[name]?.trim()
    if (value) return value
    if (!production) return devDefault
    if (productionDefault) return productionDefault
    throw new Error(`${name} must be set in production (see docs/identity_providers.md)`)
  }
  return {
    appId: read('WECHAT_APP_ID', WECHAT_DEV_DEFAULTS.appId),
    appSecret: read('WECHAT_APP_SECRET', WECHAT_DEV_DEFAULTS.appSecret),
    apiBase: read('WECHAT_API_BASE', WECHAT_DEV_DEFAULTS.base, 'https://api.weixin.qq.com').replace(/\/+$/, ''),
    openBase: read('WECHAT_OPEN_BASE', WECHAT_DEV_DEFAULTS.base, 'https://open.weixin.qq.com').replace(/\/+$/, ''),
    timeoutMs: Number(env.WECHAT_TIMEOUT_MS?.trim() || 5000),
  }
}
