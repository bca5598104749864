/*
| The WeChat client the application uses: the configured official account (the local stub outside
| production) with its credentials cached on the app's `main` Redis connection.
*/
import redis from '@adonisjs/redis/services/main'
import { HttpWechatClient, type WechatClient } from './wechat_client.ts'
import { wechatConfig } from './config.ts'

export {
  HttpWechatClient,
  WechatApiError,
  type WechatClient,
  type JsapiSignature,
  type OauthScope,
  type TemplateMessage,
  type HttpWechatClientOptions,
} from './wechat_client.ts'
export { wechatConfig, WECHAT_DEV_DEFAULTS, type WechatConfig } from './config.ts'

let shared: WechatClient | undefined

export function wechatClient(): WechatClient {
  shared ??= new HttpWechatClient({ config: wechatConfig(), redis: redis.connection('main').ioConnection })
  return shared
}
