/*
| Starts the local SMS, WeChat and QWeather stubs on fixed ports for development:
|
|   node backend/stubs/serve.ts        (Node 24: plain TypeScript, no loader needed)
|
| SMS_STUB_PORT (default 3391) and WECHAT_STUB_PORT (default 3392) choose the ports, STUB_HOST the
| address (default 127.0.0.1). The backend's defaults (sms/config.ts, wechat/config.ts) point at these
| ports outside production. Read sent codes at http://127.0.0.1:3391/__sent?phone=138…
| WEATHER_STUB_PORT (default 3394) is the QWeather stub's; WEATHER_STUB_SCENARIO=typhoon replays a
| typhoon day (a stage every WEATHER_STUB_STEP_SECONDS, default 120), or switch at run time with
| `curl -X POST 'http://127.0.0.1:3394/__scenario?name=typhoon&step=60'` (docs/weather.md).
| Stops on SIGINT / SIGTERM.
*/
import { startSmsStub } from './sms_stub.ts'
import { startWechatStub } from './wechat_stub.ts'
import { startWeatherStub } from './weather_stub.ts'

const host = process.env.STUB_HOST ?? '127.0.0.1'
const sms = await startSmsStub({
  host,
  port: Number(process.env.SMS_STUB_PORT ?? 3391),
  ...(process.env.SMS_ACCESS_KEY_ID && process.env.SMS_ACCESS_KEY_SECRET
    ? { accessKeys: { [process.env.SMS_ACCESS_KEY_ID]: process.env.SMS_ACCESS_KEY_SECRET } }
    : {}),
})
const wechat = await startWechatStub({
  host,
  port: Number(process.env.WECHAT_STUB_PORT ?? 3392),
  ...(process.env.WECHAT_APP_ID ? { appId: process.env.WECHAT_APP_ID } : {}),
  ...(process.env.WECHAT_APP_SECRET ? { appSecret: process.env.WECHAT_APP_SECRET } : {}),
  ...(process.env.WECHAT_STUB_OPENID ? { openid: process.env.WECHAT_STUB_OPENID } : {}),
})

const weather = await startWeatherStub({
  host,
  port: Number(process.env.WEATHER_STUB_PORT ?? 3394),
  scenario: process.env.WEATHER_STUB_SCENARIO === 'typhoon' ? 'typhoon' : 'calm',
  stepSeconds: Number(process.env.WEATHER_STUB_STEP_SECONDS ?? 120),
})

console.log(`SMS stub (Alibaba Cloud dysmsapi)  ${sms.url}    sent codes: ${sms.url}/__sent?phone=`)
console.log(`WeChat stub (open + api hosts)     ${wechat.url}    template messages: ${wechat.url}/__sent`)
console.log(`QWeather stub (v7 JSON API)        ${weather.url}    typhoon day: POST ${weather.url}/__scenario?name=typhoon`)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await Promise.all([sms.close(), wechat.close(), weather.close()])
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
