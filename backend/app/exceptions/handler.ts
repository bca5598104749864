import app from '@adonisjs/core/services/app'
import { HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { errors as authErrors } from '@adonisjs/auth'
import { errors as lucidErrors } from '@adonisjs/lucid'
import { errors as shieldErrors } from '@adonisjs/shield'
import { ServiceUnavailable, isConnectionError } from '#services/dependency_errors'

const CLIENT_ERROR_MESSAGES: Record<number, string> = {
  400: '请求格式有误',
  405: '不支持的请求方式',
  413: '请求内容过大',
  415: '不支持的请求内容类型',
  429: '请求过于频繁，请稍后再试',
  502: '外部服务暂不可用，请稍后重试',
  503: '服务暂不可用，请稍后重试',
}

/** A dependency down or restarting (not an upstream's own status such as the SMS gateway's 502). */
const dependencyDown = (error: unknown) => error instanceof ServiceUnavailable || (!(error as { status?: number }).status && isConnectionError(error))

/**
 * Every error leaves as `{ errors: [{ message, field?, rule? }] }` with a Chinese message.
 * Anything unexpected is a 500 with a generic message (details go to the log only).
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  /** Client errors are answers, not incidents: keep them out of the error log. */
  protected ignoreStatuses = [400, 401, 403, 404, 409, 419, 422, 423, 429]

  async handle(error: unknown, ctx: HttpContext) {
    if (error instanceof vineErrors.E_VALIDATION_ERROR) {
      const messages = error.messages as { message: string; field: string; rule: string }[]
      return ctx.response.status(422).send({
        errors: messages.map(({ message, field, rule }) => ({ message, field, rule })),
      })
    }
    if (error instanceof authErrors.E_UNAUTHORIZED_ACCESS) {
      return ctx.response.status(401).send({ errors: [{ message: '请先登录' }] })
    }
    if (error instanceof authErrors.E_INVALID_CREDENTIALS) {
      return ctx.response.status(400).send({ errors: [{ message: '手机号或密码错误' }] })
    }
    if (error instanceof lucidErrors.E_ROW_NOT_FOUND) {
      return ctx.response.status(404).send({ errors: [{ message: '记录不存在' }] })
    }
    if (error instanceof shieldErrors.E_BAD_CSRF_TOKEN) {
      return ctx.response.status(419).send({ errors: [{ message: '页面已过期，请刷新后重试' }] })
    }
    // a dependency (ClickHouse, Redis, PostgreSQL) down or restarting: a 503 to retry, not a 500
    // (errors with a status of their own — e.g. the SMS gateway's 502 — keep their answer below)
    if (dependencyDown(error)) {
      const unavailable = error instanceof ServiceUnavailable ? error : new ServiceUnavailable()
      ctx.logger.warn({ err: error }, 'dependency unavailable')
      ctx.response.header('Retry-After', String(unavailable.retryAfterSeconds))
      return ctx.response.status(503).send({ errors: [{ message: unavailable.message }] })
    }
    const status = (error as { status?: number }).status
    // 4xx answers, and 502/503 from an upstream we call (SMS gateway, WeChat) with their own Chinese message
    if (status && ((status >= 400 && status < 500) || status === 502 || status === 503)) {
      const message = (error as { message?: string }).message
      const known = status === 404 ? '记录不存在' : message
      // framework errors (malformed JSON, bad multipart, body too large …) carry English messages
      const chinese = known && /[\u3400-\u9fff]/.test(known) ? known : (CLIENT_ERROR_MESSAGES[status] ?? '请求有误')
      return ctx.response.status(status).send({ errors: [{ message: chinese }] })
    }
    ctx.logger.error({ err: error }, 'unhandled error')
    return ctx.response.status(500).send({ errors: [{ message: '服务器内部错误，请稍后重试' }] })
  }

  /**
   * The server reports BEFORE it handles, and the base report stamps `status = 500` on an error
   * without one — which made every unwrapped connection error (PostgreSQL restarting, Redis down) a
   * 500 in `handle`. A dependency that is down is an answer (503, logged as a warning in `handle`),
   * not an incident: it is not passed to the base report (scripts/tests/faults.test.mjs, case 4).
   */
  async report(error: unknown, ctx: HttpContext) {
    if (dependencyDown(error)) return
    return super.report(error, ctx)
  }
}
