/*
| A tiny browser-like HTTP client for functional tests that need a real session across requests
| (two-step login, WeChat redirects, two devices): a cookie jar for the app's origin, the XSRF
| header Shield expects, and manual redirects (cookies are sent to the app only).
*/
export interface AgentResponse {
  status: number
  location: string | null
  body: any
}

export class Agent {
  readonly base: string
  readonly cookies = new Map<string, string>()

  constructor(base = process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`) {
    this.base = base.replace(/\/$/, '')
  }

  private store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';')
      const index = pair.indexOf('=')
      const name = pair.slice(0, index).trim()
      const value = pair.slice(index + 1).trim()
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === ''
      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  private cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  async request(method: string, url: string, json?: unknown): Promise<AgentResponse> {
    const target = new URL(url, this.base)
    const ours = target.origin === new URL(this.base).origin
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (ours) {
      if (method !== 'GET' && !this.cookies.has('XSRF-TOKEN')) await this.request('GET', '/api/v1/csrf')
      if (this.cookies.size) headers.Cookie = this.cookieHeader()
      const xsrf = this.cookies.get('XSRF-TOKEN')
      if (xsrf && method !== 'GET') headers['X-XSRF-TOKEN'] = decodeURIComponent(xsrf)
    }
    if (json !== undefined) headers['Content-Type'] = 'application/json'
    const response = await fetch(target, {
      method,
      headers,
      redirect: 'manual',
      body: json === undefined ? undefined : JSON.stringify(json),
    })
    if (ours) this.store(response)
    const text = await response.text()
    let body: any = text
    try {
      body = text ? JSON.parse(text) : null
    } catch {}
    return { status: response.status, location: response.headers.get('location'), body }
  }

  get(url: string) {
    return this.request('GET', url)
  }
  post(url: string, json: unknown = {}) {
    return this.request('POST', url, json)
  }
  delete(url: string, json?: unknown) {
    return this.request('DELETE', url, json)
  }

  /** GET and follow redirects while they point at the app or the WeChat stub; returns the last hop. */
  async follow(url: string, maxHops = 6): Promise<AgentResponse & { url: string }> {
    let current = new URL(url, this.base).toString()
    for (let hop = 0; hop < maxHops; hop++) {
      const response = await this.get(current)
      if (response.status < 300 || response.status >= 400 || !response.location) return { ...response, url: current }
      const next = new URL(response.location, current)
      // the H5 pages are not API routes: stop at them
      if (next.origin === new URL(this.base).origin && next.pathname.startsWith('/m')) return { ...response, url: next.toString() }
      current = next.toString()
    }
    throw new Error(`too many redirects from ${url}`)
  }
}
