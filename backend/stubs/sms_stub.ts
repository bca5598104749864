/*
| A local stand-in for the Alibaba Cloud SMS endpoint (dysmsapi.aliyuncs.com, API 2017-05-25).
|
| It speaks the contract the official SDK (@alicloud/dysmsapi20170525) uses: an RPC-style POST to `/`
| with the parameters in the query string, `x-acs-action: SendSms`, `x-acs-version: 2017-05-25` and an
| `ACS3-HMAC-SHA256` Authorization header, which the stub verifies against its known access keys, so a
| wrong secret fails here exactly as it would in production. Answers mirror the real service: HTTP 200
| with `{ Code: 'OK', BizId, RequestId, Message }` on success, HTTP 200 with an `isv.*` code for
| business refusals, HTTP 4xx with `{ Code, Message, RequestId }` for authentication errors.
|
| Every accepted message is recorded: `GET /__sent?phone=` answers them (newest last) with their
| template parameters, so tests — and a developer without a phone — can read the codes.
| `POST /__fail?code=isv.BUSINESS_LIMIT_CONTROL&count=1` makes the next SendSms calls fail.
|
| Plain node:http and erasable TypeScript only: `node backend/stubs/sms_stub.ts` works without a loader.
*/
import http from 'node:http'
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import querystring from 'node:querystring'
import type { AddressInfo } from 'node:net'

export interface SentSms {
  phone: string
  signName: string
  templateCode: string
  /** TemplateParam, parsed (e.g. `{ code: '123456' }`) */
  templateParam: Record<string, string>
  bizId: string
  /** ISO timestamp of receipt */
  at: string
}

export interface SmsStubOptions {
  port?: number
  host?: string
  /** access key id → secret; defaults to the development pair used by `sms/config.ts` */
  accessKeys?: Record<string, string>
}

export interface SmsStub {
  /** base URL, e.g. `http://127.0.0.1:54321` */
  url: string
  /** `host:port`, the form the SDK's `endpoint` option takes */
  endpoint: string
  close(): Promise<void>
  /** recorded messages, optionally for one phone */
  sent(phone?: string): SentSms[]
  /** the code of the newest message to `phone`, if any */
  lastCode(phone: string): string | undefined
  /** make the next `count` SendSms calls answer this business error code (HTTP 200, Code != OK) */
  failNext(code: string, message?: string, count?: number): void
  /** number of SendSms requests received, accepted or not */
  requests(): number
  clear(): void
}

const DEFAULT_ACCESS_KEYS = { 'stub-access-key-id': 'stub-access-key-secret' }

/** Business error messages as the real service words them. */
const KNOWN_ERRORS: Record<string, string> = {
  'isv.BUSINESS_LIMIT_CONTROL': '触发分钟级流控Permits:1',
  'isv.MOBILE_NUMBER_ILLEGAL': '非法手机号',
  'isv.INVALID_JSON_PARAM': 'JSON参数不合法，只接受字符串值',
  'isv.AMOUNT_NOT_ENOUGH': '账户余额不足',
  'isv.SMS_TEMPLATE_ILLEGAL': '该账号下找不到对应模板',
  'isv.SMS_SIGNATURE_ILLEGAL': '该账号下找不到对应签名',
}

/** The SDK's percent-encoding for canonical query strings (RFC 3986 plus `!'()*`). */
function encode(value: string) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

function sha256Hex(data: Buffer | string) {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * Recomputes the ACS3-HMAC-SHA256 signature the way Alibaba Cloud does and compares it with the
 * request's. Returns an error code, or null when the request is authentic.
 */
function verifyAcs3(
  req: http.IncomingMessage,
  pathname: string,
  query: Record<string, string>,
  body: Buffer,
  accessKeys: Record<string, string>
): { status: number; code: string; message: string } | null {
  const authorization = String(req.headers.authorization ?? '')
  const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(authorization)
  if (!match) {
    return { status: 400, code: 'IncompleteSignature', message: 'The request signature does not conform to Aliyun standards.' }
  }
  const [, accessKeyId, signedHeaderList, signature] = match
  const secret = accessKeys[accessKeyId]
  if (secret === undefined) {
    return { status: 404, code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.' }
  }
  const payloadHash = sha256Hex(body)
  if (req.headers['x-acs-content-sha256'] !== payloadHash) {
    return { status: 400, code: 'SignatureDoesNotMatch', message: 'The request body hash does not match x-acs-content-sha256.' }
  }
  const signedHeaders = signedHeaderList.split(';')
  const canonicalHeaders = signedHeaders
    .map((name) => {
      const value = req.headers[name]
      const values = (Array.isArray(value) ? value : [value ?? '']).map((v) => String(v).trim()).sort()
      return `${name}:${values.join(',')}\n`
    })
    .join('')
  const canonicalQuery = Object.keys(query)
    .sort()
    .map((key) => `${key}=${encode(query[key])}`)
    .join('&')
  const canonicalRequest = [req.method, pathname, canonicalQuery, canonicalHeaders, signedHeaders.join(';'), payloadHash].join('\n')
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`
  const expected = createHmac('sha256', secret).update(stringToSign).digest()
  const given = Buffer.from(signature, 'hex')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { status: 400, code: 'SignatureDoesNotMatch', message: 'Specified signature is not matched with our calculation.' }
  }
  return null
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown) {
  const text = JSON.stringify(payload)
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export async function startSmsStub(options: SmsStubOptions = {}): Promise<SmsStub> {
  const accessKeys = options.accessKeys ?? DEFAULT_ACCESS_KEYS
  const messages: SentSms[] = []
  const failures: { code: string; message: string }[] = []
  let requestCount = 0

  const handleSendSms = (params: Record<string, string>, requestId: string) => {
    requestCount++
    for (const name of ['PhoneNumbers', 'SignName', 'TemplateCode']) {
      if (!params[name]) return { status: 400, body: { Code: `Missing${name}`, Message: `${name} is mandatory for this action.`, RequestId: requestId } }
    }
    const failure = failures.shift()
    if (failure) return { status: 200, body: { Code: failure.code, Message: failure.message, RequestId: requestId } }
    const phones = params.PhoneNumbers.split(',').map((p) => p.trim())
    if (phones.some((p) => !/^(?:\+?86)?1\d{10}$/.test(p))) {
      return { status: 200, body: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: KNOWN_ERRORS['isv.MOBILE_NUMBER_ILLEGAL'], RequestId: requestId } }
    }
    let templateParam: Record<string, string> = {}
    if (params.TemplateParam) {
      let parsed: unknown = null
      try {
        parsed = JSON.parse(params.TemplateParam)
      } catch {}
      const valid =
        parsed !== null &&
        typeof parsed === 'object' &&
        !Array.isArray(parsed) &&
        Object.values(parsed).every((v) => typeof v === 'string')
      if (!valid) {
        return { status: 200, body: { Code: 'isv.INVALID_JSON_PARAM', Message: KNOWN_ERRORS['isv.INVALID_JSON_PARAM'], RequestId: requestId } }
      }
      templateParam = parsed as Record<string, string>
    }
    const bizId = `${Date.now()}${Math.floor(Math.random() * 1e6)}^0`
    for (const phone of phones) {
      messages.push({
        phone: phone.replace(/^\+?86/, ''),
        signName: params.SignName,
        templateCode: params.TemplateCode,
        templateParam,
        bizId,
        at: new Date().toISOString(),
      })
    }
    return { status: 200, body: { Code: 'OK', Message: 'OK', BizId: bizId, RequestId: requestId } }
  }

  const server = http.createServer(async (req, res) => {
    try {
      const body = await readBody(req)
      const rawUrl = req.url ?? '/'
      const queryIndex = rawUrl.indexOf('?')
      const pathname = queryIndex === -1 ? rawUrl : rawUrl.slice(0, queryIndex)
      const query = querystring.parse(queryIndex === -1 ? '' : rawUrl.slice(queryIndex + 1)) as Record<string, string>

      if (pathname === '/__sent' && req.method === 'GET') {
        return sendJson(res, 200, query.phone ? messages.filter((m) => m.phone === query.phone) : messages)
      }
      if (pathname === '/__sent' && req.method === 'DELETE') {
        messages.length = 0
        return sendJson(res, 200, { ok: true })
      }
      if (pathname === '/__fail' && req.method === 'POST') {
        const code = query.code || 'isv.BUSINESS_LIMIT_CONTROL'
        for (let i = 0; i < Number(query.count || 1); i++) failures.push({ code, message: query.message || KNOWN_ERRORS[code] || code })
        return sendJson(res, 200, { ok: true, pending: failures.length })
      }

      const requestId = randomUUID().toUpperCase()
      if (pathname !== '/' || (req.method !== 'POST' && req.method !== 'GET')) {
        return sendJson(res, 404, { Code: 'InvalidAction.NotFound', Message: 'Specified api is not found.', RequestId: requestId })
      }
      const authError = verifyAcs3(req, pathname, query, body, accessKeys)
      if (authError) return sendJson(res, authError.status, { Code: authError.code, Message: authError.message, RequestId: requestId })

      const action = String(req.headers['x-acs-action'] ?? query.Action ?? '')
      const version = String(req.headers['x-acs-version'] ?? query.Version ?? '')
      if (action !== 'SendSms' || version !== '2017-05-25') {
        return sendJson(res, 404, { Code: 'InvalidAction.NotFound', Message: `Specified api is not found (${action} ${version}).`, RequestId: requestId })
      }
      const form = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
        ? (querystring.parse(body.toString('utf8')) as Record<string, string>)
        : {}
      const answer = handleSendSms({ ...query, ...form }, requestId)
      return sendJson(res, answer.status, answer.body)
    } catch (error) {
      sendJson(res, 500, { Code: 'InternalError', Message: String(error) })
    }
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const endpoint = `${address.address}:${address.port}`

  return {
    url: `http://${endpoint}`,
    endpoint,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
    sent: (phone?: string) => (phone ? messages.filter((m) => m.phone === phone) : [...messages]),
    lastCode: (phone: string) => messages.filter((m) => m.phone === phone).at(-1)?.templateParam.code,
    failNext: (code: string, message?: string, count = 1) => {
      for (let i = 0; i < count; i++) failures.push({ code, message: message ?? KNOWN_ERRORS[code] ?? code })
    },
    requests: () => requestCount,
    clear: () => {
      messages.length = 0
      failures.length = 0
      requestCount = 0
    },
  }
}
