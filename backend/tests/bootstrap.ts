import { assert } from '@japa/assert'
import { apiClient, ApiRequest } from '@japa/api-client'
import { browserClient } from '@japa/browser-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { chromium } from 'playwright'

/** Debian's Chromium, never a downloaded browser. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
]

/** Excel downloads arrive as Buffers so tests can open them with exceljs. */
ApiRequest.addParser('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', (res: any, done: any) => {
  const chunks: Buffer[] = []
  res.on('data', (chunk: Buffer) => chunks.push(chunk))
  res.on('end', () => done(null, Buffer.concat(chunks)))
})

export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app),
  sessionApiClient(app),
  shieldApiClient(),
  authApiClient(app),
  browserClient({
    runInSuites: ['browser'],
    launcher: async (options) =>
      chromium.launch({ ...options, executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS }),
  }),
]

export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    // SMS / WeChat stubs on random ports, before the app first reads SMS_* and WECHAT_*
    async () => (await import('#tests/support/identity')).startIdentityStubs(),
    // the QWeather stub likewise, before the app first reads QWEATHER_*
    async () => (await import('#tests/support/weather')).startWeatherStubForTests(),
    // as the schema owner (config/database.ts); the app itself connects as its own role
    () => testUtils.db('owner').migrate(),
    async () => (await import('#tests/support/world')).resetWorld(),
  ],
  teardown: [
    async () => (await import('#tests/support/warehouse')).closeEtlPool(),
    async () => (await import('#tests/support/identity')).stopIdentityStubs(),
    async () => (await import('#tests/support/weather')).stopWeatherStubForTests(),
  ],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
