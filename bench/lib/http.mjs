/**
 * A tiny API client over fetch with a cookie jar: GET /api/v1/csrf for the XSRF-TOKEN cookie, then
 * the two-factor PC sign-in (POST /api/v1/session/sms, the code from `smsCode(phone)`, POST
 * /api/v1/session), and every later request sends the cookies and the X-XSRF-TOKEN header.
 * Loopback only.
 */
export const DEMO_PASSWORD = 'Szpm@2026'

export class ApiClient {
  /** `smsCode(phone)` → the login code texted to `phone` (the bench's SMS stub, bench/lib/sms.mjs) */
  constructor(baseUrl, { smsCode } = {}) {
    const url = new URL(baseUrl)
    if (url.hostname !== '127.0.0.1') throw new Error(`the bench only targets 127.0.0.1 (got ${url.hostname})`)
    this.baseUrl = url.origin
    this.cookies = new Map()
    this.smsCode = smsCode
  }

  /** The Cookie header for the jar (also sent by the load section's virtual users). */
  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  /** Headers that make a logged-in, CSRF-valid request. */
  authHeaders() {
    const headers = { cookie: this.cookieHeader(), accept: 'application/json' }
    const xsrf = this.cookies.get('XSRF-TOKEN')
    if (xsrf) headers['x-xsrf-token'] = decodeURIComponent(xsrf)
    return headers
  }

  #store(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  /** Raw fetch with the jar; returns the Response (body unread). */
  async fetch(path, { method = 'GET', body } = {}) {
    const headers = this.authHeaders()
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    this.#store(response)
    return response
  }

  /** JSON request; throws with the API's message on a non-2xx answer. */
  async request(path, options = {}) {
    const response = await this.fetch(path, options)
    const text = await response.text()
    if (!response.ok) throw new Error(`${options.method ?? 'GET'} ${path} → ${response.status} ${text.slice(0, 300)}`)
    return text ? JSON.parse(text) : null
  }

  get(path) { return this.request(path) }
  post(path, body) { return this.request(path, { method: 'POST', body }) }
  patch(path, body) { return this.request(path, { method: 'PATCH', body }) }

  async login(phone, password = DEMO_PASSWORD) {
    await this.request('/api/v1/csrf')
    if (!this.smsCode) throw new Error('ApiClient.login needs { smsCode } (PC sign-in is password + SMS code)')
    await this.post('/api/v1/session/sms', { phone, password })
    const me = await this.post('/api/v1/session', { phone, password, code: await this.smsCode(phone) })
    return me.data
  }
}
