/*
| A local stand-in for WeChat's official-account endpoints (open.weixin.qq.com + api.weixin.qq.com),
| speaking the same contract as far as this platform uses it:
|
|   GET  /connect/oauth2/authorize?appid&redirect_uri&response_type=code&scope&state
|        → 302 to redirect_uri?code=…&state=… for the openid picked by `?openid=` (or the
|          `x-stub-openid` header, or the configured default); `?unionid=` likewise
|   GET  /sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code
|        → { access_token, expires_in, refresh_token, openid, scope[, unionid] }; codes are single use
|          (40163) and live 5 minutes (40029 afterwards or when unknown)
|   GET  /cgi-bin/token?grant_type=client_credential&appid&secret → { access_token, expires_in }
|   GET  /cgi-bin/ticket/getticket?access_token&type=jsapi → { errcode: 0, errmsg: 'ok', ticket, expires_in }
|   POST /cgi-bin/message/template/send?access_token → { errcode: 0, errmsg: 'ok', msgid }; like WeChat,
|        a repeat with the same (touser, client_msg_id) is not delivered again: it answers the first
|        message's msgid and records nothing (so a retried delivery never reaches the user twice)
|
| Errors answer HTTP 200 with { errcode, errmsg } as WeChat does. Test helpers:
|   GET  /__sent[?touser=][&client_msg_id=]   recorded template messages
|   POST /__fail?path=/cgi-bin/token&errcode=45009[&count=1]   make the next calls to a path fail
|
| Plain node:http and erasable TypeScript only: `node backend/stubs/wechat_stub.ts` works without a loader.
*/
import http from 'node:http'
import { randomBytes, randomInt } from 'node:crypto'
import type { AddressInfo } from 'node:net'

export interface SentTemplateMessage {
  touser: string
  template_id: string
  url?: string
  miniprogram?: { appid: string; pagepath?: string }
  data: Record<string, { value: string; color?: string }>
  /** the sender's de-duplication id, when given */
  client_msg_id?: string
  msgid: number
  /** ISO timestamp of receipt */
  at: string
}

export interface WechatStubOptions {
  port?: number
  host?: string
  appId?: string
  appSecret?: string
  /** openid handed out when the authorize request does not pick one */
  openid?: string
  unionid?: string
  /** lifetime WeChat reports for access_token and jsapi_ticket, seconds (7200 like WeChat) */
  expiresIn?: number
  /** template ids that exist; any id when omitted */
  templateIds?: string[]
}

export interface WechatStub {
  /** base URL, e.g. `http://127.0.0.1:54321` (serves both the open and the api host's paths) */
  url: string
  close(): Promise<void>
  /** recorded template messages, optionally for one openid */
  sent(touser?: string): SentTemplateMessage[]
  /** the jsapi_ticket currently handed out (to recompute signatures independently) */
  currentTicket(): string | undefined
  /** how many times each api path was called */
  calls(): Record<string, number>
  /** make the next `count` calls to `path` answer `{ errcode, errmsg }` */
  failNext(path: string, errcode: number, errmsg?: string, count?: number): void
  /** invalidate every access_token handed out so far (as a token refresh elsewhere would) */
  revokeAccessTokens(): void
  /** issue an authorisation code directly, as the authorize endpoint would */
  issueCode(openid?: string, options?: { unionid?: string; scope?: string }): string
  clear(): void
}

const ERRMSG: Record<number, string> = {
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40125: 'invalid appsecret',
  40163: 'code been used',
  41008: 'missing code',
  42001: 'access_token expired',
  43004: 'require subscribe',
  45009: 'reach max api daily quota limit',
  47001: 'data format error',
}

const CODE_LIFETIME_MS = 5 * 60_000

function token(bytes: number) {
  return randomBytes(bytes).toString('base64url')
}

function sendJson(res: http.ServerResponse, payload: unknown, status = 200) {
  const text = JSON.stringify(payload)
  // WeChat answers JSON labelled text/plain on several endpoints; clients must not rely on the header.
  res.writeHead(status, { 'content-type': 'application/json; encoding=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

function wechatError(errcode: number, errmsg?: string) {
  return { errcode, errmsg: `${errmsg ?? ERRMSG[errcode] ?? 'error'}, rid: ${token(9)}` }
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export async function startWechatStub(options: WechatStubOptions = {}): Promise<WechatStub> {
  const appId = options.appId ?? 'wx0000000000stub'
  const appSecret = options.appSecret ?? 'stub-app-secret'
  const defaultOpenid = options.openid ?? 'o_stub_openid_000000000001'
  const expiresIn = options.expiresIn ?? 7200

  const codes = new Map<string, { openid: string; unionid?: string; scope: string; issuedAt: number; used: boolean }>()
  const accessTokens = new Set<string>()
  let ticket: string | undefined
  const messages: SentTemplateMessage[] = []
  /** `${touser} ${client_msg_id}` → msgid of the message delivered for it */
  const delivered = new Map<string, number>()
  const callCounts: Record<string, number> = {}
  const failures = new Map<string, { errcode: number; errmsg?: string }[]>()

  const issueCode = (openid = defaultOpenid, extra: { unionid?: string; scope?: string } = {}) => {
    const code = token(24)
    codes.set(code, { openid, unionid: extra.unionid ?? options.unionid, scope: extra.scope ?? 'snsapi_base', issuedAt: Date.now(), used: false })
    return code
  }

  const routes: Record<string, (q: URLSearchParams, req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void> = {
    'GET /connect/oauth2/authorize': (q, req, res) => {
      const redirectUri = q.get('redirect_uri')
      if (q.get('appid') !== appId || !redirectUri || q.get('response_type') !== 'code') {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
        res.end(q.get('appid') !== appId ? '应用 appid 错误 (40013)' : 'redirect_uri 或 response_type 参数错误')
        return
      }
      const scope = q.get('scope') ?? 'snsapi_base'
      const openid = q.get('openid') || String(req.headers['x-stub-openid'] ?? '') || defaultOpenid
      const unionid = q.get('unionid') || String(req.headers['x-stub-unionid'] ?? '') || undefined
      const code = issueCode(openid, { unionid, scope })
      const target = new URL(redirectUri)
      target.searchParams.set('code', code)
      target.searchParams.set('state', q.get('state') ?? '')
      res.writeHead(302, { location: target.toString() })
      res.end()
    },

    'GET /sns/oauth2/access_token': (q, _req, res) => {
      if (q.get('appid') !== appId) return sendJson(res, wechatError(40013))
      if (q.get('secret') !== appSecret) return sendJson(res, wechatError(40125))
      if (q.get('grant_type') !== 'authorization_code') return sendJson(res, wechatError(40002))
      const code = q.get('code')
      if (!code) return sendJson(res, wechatError(41008))
      const grant = codes.get(code)
      if (!grant || Date.now() - grant.issuedAt > CODE_LIFETIME_MS) return sendJson(res, wechatError(40029))
      if (grant.used) return sendJson(res, wechatError(40163))
      grant.used = true
      sendJson(res, {
        access_token: token(48),
        expires_in: 7200,
        refresh_token: token(48),
        openid: grant.openid,
        scope: grant.scope,
        ...(grant.unionid ? { unionid: grant.unionid } : {}),
      })
    },

    'GET /cgi-bin/token': (q, _req, res) => {
      if (q.get('grant_type') !== 'client_credential') return sendJson(res, wechatError(40002))
      if (q.get('appid') !== appId) return sendJson(res, wechatError(40013))
      if (q.get('secret') !== appSecret) return sendJson(res, wechatError(40125))
      const accessToken = token(64)
      accessTokens.add(accessToken)
      sendJson(res, { access_token: accessToken, expires_in: expiresIn })
    },

    'GET /cgi-bin/ticket/getticket': (q, _req, res) => {
      if (!accessTokens.has(q.get('access_token') ?? '')) return sendJson(res, wechatError(40001))
      if (q.get('type') !== 'jsapi') return sendJson(res, wechatError(40002, 'invalid type'))
      ticket = token(64)
      sendJson(res, { errcode: 0, errmsg: 'ok', ticket, expires_in: expiresIn })
    },

    'POST /cgi-bin/message/template/send': async (q, req, res) => {
      if (!accessTokens.has(q.get('access_token') ?? '')) return sendJson(res, wechatError(40001))
      let body: Partial<SentTemplateMessage>
      try {
        body = JSON.parse(await readBody(req))
      } catch {
        return sendJson(res, wechatError(47001))
      }
      if (!body.touser) return sendJson(res, wechatError(40003, 'invalid openid'))
      if (!body.template_id || (options.templateIds && !options.templateIds.includes(body.template_id))) {
        return sendJson(res, wechatError(40037))
      }
      if (!body.data || typeof body.data !== 'object') return sendJson(res, wechatError(47001))
      const dedupeKey = body.client_msg_id ? `${body.touser} ${body.client_msg_id}` : undefined
      const earlier = dedupeKey ? delivered.get(dedupeKey) : undefined
      if (earlier !== undefined) return sendJson(res, { errcode: 0, errmsg: 'ok', msgid: earlier })
      const msgid = randomInt(1, 2 ** 47)
      if (dedupeKey) delivered.set(dedupeKey, msgid)
      messages.push({
        touser: body.touser,
        template_id: body.template_id,
        ...(body.url ? { url: body.url } : {}),
        ...(body.miniprogram ? { miniprogram: body.miniprogram } : {}),
        data: body.data,
        ...(body.client_msg_id ? { client_msg_id: body.client_msg_id } : {}),
        msgid,
        at: new Date().toISOString(),
      })
      sendJson(res, { errcode: 0, errmsg: 'ok', msgid })
    },

    'GET /__sent': (q, _req, res) => {
      const touser = q.get('touser')
      const clientMsgId = q.get('client_msg_id')
      sendJson(res, messages.filter((m) => (!touser || m.touser === touser) && (!clientMsgId || m.client_msg_id === clientMsgId)))
    },

    'POST /__fail': (q, _req, res) => {
      const path = q.get('path') ?? '/cgi-bin/token'
      const list = failures.get(path) ?? []
      for (let i = 0; i < Number(q.get('count') ?? 1); i++) list.push({ errcode: Number(q.get('errcode') ?? -1), errmsg: q.get('errmsg') ?? undefined })
      failures.set(path, list)
      sendJson(res, { ok: true })
    },
  }

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://stub')
      const route = routes[`${req.method} ${url.pathname}`]
      if (!route) return sendJson(res, { errcode: 404, errmsg: `no such api: ${req.method} ${url.pathname}` }, 404)
      if (!url.pathname.startsWith('/__')) {
        callCounts[url.pathname] = (callCounts[url.pathname] ?? 0) + 1
        const failure = failures.get(url.pathname)?.shift()
        if (failure) return sendJson(res, wechatError(failure.errcode, failure.errmsg))
      }
      await route(url.searchParams, req, res)
    } catch (error) {
      sendJson(res, { errcode: -1, errmsg: `system error: ${String(error)}` })
    }
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo

  return {
    url: `http://${address.address}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
    sent: (touser?: string) => (touser ? messages.filter((m) => m.touser === touser) : [...messages]),
    currentTicket: () => ticket,
    calls: () => ({ ...callCounts }),
    failNext: (path: string, errcode: number, errmsg?: string, count = 1) => {
      const list = failures.get(path) ?? []
      for (let i = 0; i < count; i++) list.push({ errcode, errmsg })
      failures.set(path, list)
    },
    revokeAccessTokens: () => accessTokens.clear(),
    issueCode,
    clear: () => {
      codes.clear()
      messages.length = 0
      delivered.clear()
      failures.clear()
      for (const key of Object.keys(callCounts)) delete callCounts[key]
    },
  }
}
