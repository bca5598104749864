import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525'
import { SmsSendError, type SmsProvider, type SmsMessageTemplate } from './types.ts'
import { smsConfig, type SmsConfig } from './config.ts'

/** The SDK client class: the package is CommonJS with `exports.default`, so ESM sees it one level down. */
const DysmsapiClient = Dysmsapi.default
type ClientConfig = ConstructorParameters<typeof DysmsapiClient>[0]

/**
 * Alibaba Cloud SMS (dysmsapi 2017-05-25 SendSms) through the official SDK. Every failure — HTTP
 * error, network error, or a 200 answer whose `Code` is not `OK` — becomes an `SmsSendError`.
 */
export class AlibabaSmsProvider implements SmsProvider {
  readonly #client: InstanceType<typeof DysmsapiClient>
  readonly #config: SmsConfig

  constructor(config: SmsConfig = smsConfig()) {
    this.#config = config
    // The SDK's Config class only copies these fields; a plain object is what its constructor reads.
    const clientConfig = {
      accessKeyId: config.accessKeyId,
      accessKeySecret: config.accessKeySecret,
      endpoint: config.endpoint,
      protocol: config.protocol,
      connectTimeout: config.timeoutMs,
      readTimeout: config.timeoutMs,
    } as unknown as ClientConfig
    this.#client = new DysmsapiClient(clientConfig)
  }

  async send(phone: string, template: SmsMessageTemplate, params: Readonly<Record<string, string>>): Promise<void> {
    const request = new SendSmsRequest({
      phoneNumbers: phone,
      signName: this.#config.signName,
      templateCode: this.#config.templates[template],
      templateParam: JSON.stringify(params),
    })
    let body: { code?: string; message?: string } | undefined
    try {
      body = (await this.#client.sendSms(request)).body
    } catch (error) {
      // Not attached as `cause`: the SDK's messages quote the request URL, whose TemplateParam holds the code.
      const { code, message } = error as { code?: unknown; message?: unknown }
      throw new SmsSendError(String(code ?? 'NetworkError'), redact(String(message ?? error)))
    }
    if (body?.code !== 'OK') {
      throw new SmsSendError(body?.code ?? 'EmptyResponse', redact(body?.message ?? ''))
    }
  }
}

/** Verification codes must not reach the logs. */
function redact(text: string) {
  return text.replace(/TemplateParam=[^&\s]*/g, 'TemplateParam=[redacted]')
}
