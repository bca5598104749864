/*
| WeChat official account (公众号) API over fetch: web authorisation (网页授权) for the openid, the
| JS-SDK signature for wx.config, and template messages (模板消息).
|
| The account-wide access_token and jsapi_ticket are cached in Redis (shared by every process) until
| `refreshMarginMs` before WeChat's expiry. One process refreshes at a time (SET NX lock); the others
| wait briefly for its result. A call answered with an invalid-token errcode drops the cached token
| and is retried once with a fresh one.
*/
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import { Exception } from '@adonisjs/core/exceptions'
import type { Clock } from '#services/otp_service'
import { wechatConfig, type WechatConfig } from './config.ts'

export type OauthScope = 'snsapi_base' | 'snsapi_userinfo'

export interface JsapiSignature {
  appId: string
  /** seconds since the epoch, as wx.config wants it */
  timestamp: number
  nonceStr: string
  signature: string
}

export interface TemplateMessage {
  touser: string
  templateId: string
  /** page opened when the message is tapped */
  url?: string
  miniprogram?: { appid: string; pagepath?: string }
  data: Record<string, { value: string; color?: string }>
  /** de-duplication id (WeChat ignores a repeat within a short time) */
  clientMsgId?: string
}

export interface WechatClient {
  /** The URL to send the user's browser to; WeChat redirects back to `redirectUri?code=…&state=…`. */
  oauthAuthorizeUrl(redirectUri: string, state: string, scope?: OauthScope): string
  /** Exchanges the one-time `code` from the redirect for the user's openid (and unionid when bound). */
  exchangeCode(code: string): Promise<{ openid: string; unionid?: string }>
  /** wx.config parameters for the page at `url` (its `#fragment` is ignored, as WeChat requires). */
  jsapiSignature(url: string): Promise<JsapiSignature>
  sendTemplateMessage(message: TemplateMessage): Promise<{ msgid: number }>
}

/** Chinese messages for the errcodes a user or an operator may meet. */
const ERRCODE_MESSAGES: Record<number, string> = {
  [-1]: '微信服务暂时不可用，请稍后重试',
  40001: '微信接口凭证无效，请稍后重试',
  40002: '微信接口调用参数错误',
  40003: '微信用户标识无效',
  40013: '公众号 AppID 配置错误',
  40014: '微信接口凭证无效，请稍后重试',
  40029: '微信授权已失效，请重新进入页面',
  40037: '模板消息配置错误（模板 ID 无效）',
  40125: '公众号 AppSecret 配置错误',
  40163: '微信授权已失效，请重新进入页面',
  40164: '服务器 IP 不在公众号白名单中',
  41008: '微信授权已失效，请重新进入页面',
  42001: '微信接口凭证已过期，请稍后重试',
  43004: '该微信用户未关注公众号',
  45009: '微信接口今日调用次数已达上限',
  48001: '公众号未获得该接口权限',
}

/** errcodes caused by the user's authorisation code (re-entering the page fixes them). */
const OAUTH_CODE_ERRORS = new Set([40029, 40163, 41008])
/** errcodes meaning the access_token we sent is no longer valid. */
const INVALID_TOKEN_ERRORS = new Set([40001, 40014, 42001])

/**
 * WeChat answered `errcode != 0`, or could not be reached / answered garbage (errcode -1, WeChat's
 * own "system busy"). `message` is Chinese for the user; `errcode`, `errmsg` and `api` for the log.
 */
export class WechatApiError extends Exception {
  static code = 'E_WECHAT_API'
  readonly errcode: number
  readonly errmsg: string
  readonly api: string

  constructor(api: string, errcode: number, errmsg: string, options?: { cause?: unknown }) {
    super(ERRCODE_MESSAGES[errcode] ?? `微信接口调用失败（错误码 ${errcode}）`, {
      code: 'E_WECHAT_API',
      status: OAUTH_CODE_ERRORS.has(errcode) ? 400 : 502,
      cause: options?.cause,
    })
    this.errcode = errcode
    this.errmsg = errmsg
    this.api = api
  }
}

export interface HttpWechatClientOptions {
  config?: WechatConfig
  redis: Redis
  /** prefix of the cache keys; default `szpm:wechat:` (the AppID is appended) */
  keyPrefix?: string
  clock?: Clock
  /** refresh cached credentials this long before WeChat's expiry; default 5 minutes */
  refreshMarginMs?: number
  /** how long a process waits for another one's refresh before fetching itself; default 3 s */
  lockWaitMs?: number
}

interface CachedCredential {
  value: string
  /** epoch ms at which WeChat expires it */
  expiresAt: number
}

type CredentialName = 'access_token' | 'jsapi_ticket'

export class HttpWechatClient implements WechatClient {
  readonly config: WechatConfig
  readonly #redis: Redis
  readonly #prefix: string
  readonly #clock: Clock
  readonly #refreshMarginMs: number
  readonly #lockWaitMs: number
  readonly #inflight = new Map<CredentialName, Promise<string>>()

  constructor(options: HttpWechatClientOptions) {
    this.config = options.config ?? wechatConfig()
    this.#redis = options.redis
    this.#prefix = `${options.keyPrefix ?? 'szpm:wechat:'}${this.config.appId}:`
    this.#clock = options.clock ?? { now: () => Date.now() }
    this.#refreshMarginMs = options.refreshMarginMs ?? 5 * 60_000
    this.#lockWaitMs = options.lockWaitMs ?? 3000
  }

  /** Redis key of a cached credential (for tests and operations). */
  cacheKey(name: CredentialName) {
    return `${this.#prefix}${name}`
  }

  oauthAuthorizeUrl(redirectUri: string, state: string, scope: OauthScope = 'snsapi_base'): string {
    // WeChat requires exactly this parameter order and the #wechat_redirect fragment.
    const query = [
      `appid=${encodeURIComponent(this.config.appId)}`,
      `redirect_uri=${encodeURIComponent(redirectUri)}`,
      'response_type=code',
      `scope=${scope}`,
      `state=${encodeURIComponent(state)}`,
    ].join('&')
    return `${this.config.openBase}/connect/oauth2/authorize?${query}#wechat_redirect`
  }

  async exchangeCode(code: string): Promise<{ openid: string; unionid?: string }> {
    const body = await this.#call<{ openid?: string; unionid?: string }>('/sns/oauth2/access_token', {
      appid: this.config.appId,
      secret: this.config.appSecret,
      code,
      grant_type: 'authorization_code',
    })
    if (!body.openid) throw new WechatApiError('/sns/oauth2/access_token', -1, 'answer without openid')
    return body.unionid ? { openid: body.openid, unionid: body.unionid } : { openid: body.openid }
  }

  async jsapiSignature(url: string): Promise<JsapiSignature> {
    const pageUrl = url.split('#')[0]
    const ticket = await this.#credential('jsapi_ticket', () =>
      this.#withAccessToken('/cgi-bin/ticket/getticket', async (accessToken) => {
        const body = await this.#call<{ ticket?: string; expires_in?: number }>('/cgi-bin/ticket/getticket', {
          access_token: accessToken,
          type: 'jsapi',
        })
        if (!body.ticket) throw new WechatApiError('/cgi-bin/ticket/getticket', -1, 'answer without ticket')
        return { value: body.ticket, expiresIn: Number(body.expires_in ?? 7200) }
      })
    )
    const nonceStr = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')
    const timestamp = Math.floor(this.#clock.now() / 1000)
    const signature = createHash('sha1')
      .update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${pageUrl}`)
      .digest('hex')
    return { appId: this.config.appId, timestamp, nonceStr, signature }
  }

  async sendTemplateMessage(message: TemplateMessage): Promise<{ msgid: number }> {
    const api = '/cgi-bin/message/template/send'
    return this.#withAccessToken(api, async (accessToken) => {
      const body = await this.#call<{ msgid?: number }>(
        api,
        { access_token: accessToken },
        {
          touser: message.touser,
          template_id: message.templateId,
          url: message.url,
          miniprogram: message.miniprogram,
          data: message.data,
          client_msg_id: message.clientMsgId,
        }
      )
      return { msgid: Number(body.msgid) }
    })
  }

  /** Runs `fn` with the cached access_token; once more with a fresh one if WeChat calls it invalid. */
  async #withAccessToken<T>(api: string, fn: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await this.#accessToken()
    try {
      return await fn(token)
    } catch (error) {
      if (!(error instanceof WechatApiError) || !INVALID_TOKEN_ERRORS.has(error.errcode) || error.api !== api) throw error
      await this.#dropCredential('access_token', token)
      return fn(await this.#accessToken())
    }
  }

  #accessToken() {
    return this.#credential('access_token', async () => {
      const body = await this.#call<{ access_token?: string; expires_in?: number }>('/cgi-bin/token', {
        grant_type: 'client_credential',
        appid: this.config.appId,
        secret: this.config.appSecret,
      })
      if (!body.access_token) throw new WechatApiError('/cgi-bin/token', -1, 'answer without access_token')
      return { value: body.access_token, expiresIn: Number(body.expires_in ?? 7200) }
    })
  }

  /** A cached credential, refreshed through `fetcher` when missing or near expiry. */
  #credential(name: CredentialName, fetcher: () => Promise<{ value: string; expiresIn: number }>): Promise<string> {
    const running = this.#inflight.get(name)
    if (running) return running
    const promise = this.#loadCredential(name, fetcher).finally(() => this.#inflight.delete(name))
    this.#inflight.set(name, promise)
    return promise
  }

  async #loadCredential(name: CredentialName, fetcher: () => Promise<{ value: string; expiresIn: number }>) {
    const key = this.cacheKey(name)
    const cached = await this.#readCache(key)
    if (cached) return cached

    const lockKey = `${key}:lock`
    const lockValue = randomUUID()
    const locked = await this.#redis.set(lockKey, lockValue, 'PX', 10_000, 'NX')
    if (!locked) {
      // Another process is refreshing: use its result when it arrives.
      for (let waited = 0; waited < this.#lockWaitMs; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        const value = await this.#readCache(key)
        if (value) return value
      }
    }
    try {
      const { value, expiresIn } = await fetcher()
      const ttlMs = expiresIn * 1000 - this.#refreshMarginMs
      if (ttlMs > 0) {
        const entry: CachedCredential = { value, expiresAt: this.#clock.now() + expiresIn * 1000 }
        await this.#redis.set(key, JSON.stringify(entry), 'PX', ttlMs)
      }
      return value
    } finally {
      if (locked) {
        await this.#redis
          .eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, lockKey, lockValue)
          .catch(() => {})
      }
    }
  }

  async #readCache(key: string): Promise<string | undefined> {
    const raw = await this.#redis.get(key)
    if (!raw) return undefined
    try {
      const entry = JSON.parse(raw) as CachedCredential
      return entry.expiresAt - this.#refreshMarginMs > this.#clock.now() ? entry.value : undefined
    } catch {
      return undefined
    }
  }

  /** Forgets a cached credential if it is still `value` (another process may have refreshed it). */
  async #dropCredential(name: CredentialName, value: string) {
    const key = this.cacheKey(name)
    const raw = await this.#redis.get(key)
    let cached: string | undefined
    try {
      cached = raw ? (JSON.parse(raw) as CachedCredential).value : undefined
    } catch {}
    if (raw && (cached === undefined || cached === value)) await this.#redis.del(key)
  }

  /** GET (or POST JSON) an api.weixin.qq.com endpoint; errcode != 0 becomes a WechatApiError. */
  async #call<T>(api: string, query: Record<string, string>, body?: unknown): Promise<T & { errcode?: number; errmsg?: string }> {
    const url = `${this.config.apiBase}${api}?${new URLSearchParams(query)}`
    let text: string
    try {
      const response = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? undefined : { 'content-type': 'application/json; charset=utf-8' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.timeoutMs),
        redirect: 'error',
      })
      text = await response.text()
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`)
    } catch (error) {
      throw new WechatApiError(api, -1, `request failed: ${(error as Error).message}`, { cause: error })
    }
    let parsed: T & { errcode?: number; errmsg?: string }
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      throw new WechatApiError(api, -1, `not JSON: ${text.slice(0, 200)}`, { cause: error })
    }
    if (parsed.errcode !== undefined && Number(parsed.errcode) !== 0) {
      throw new WechatApiError(api, Number(parsed.errcode), String(parsed.errmsg ?? ''))
    }
    return parsed
  }
}
