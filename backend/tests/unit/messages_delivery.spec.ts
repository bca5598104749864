import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { deepLink, wechatTemplateId } from '#modules/messages/deliver_message'
import { deliveryRetryConfig, deliveryJobId, deliveryJobOptions } from '#modules/messages/delivery_queue'
import { alreadySentText } from '#modules/messages/notifier'

test.group('messages · delivery helpers', () => {
  test('the deep link opens the subject in the H5 under the public URL, else the message itself', ({ assert }) => {
    assert.equal(deepLink({ id: 9, subject_page: 'estate', subject_id: 42 }, 'https://wy.example.gov.cn/'), 'https://wy.example.gov.cn/m/estates/42')
    assert.equal(deepLink({ id: 9, subject_page: 'evaluation-detail', subject_id: 7 }, 'https://wy.example.gov.cn'), 'https://wy.example.gov.cn/m/evaluations/7')
    assert.equal(deepLink({ id: 9, subject_page: null, subject_id: null }, 'https://wy.example.gov.cn'), 'https://wy.example.gov.cn/m/messages/9')
    // a PC-only page: the message itself
    assert.equal(deepLink({ id: 9, subject_page: 'admin-audit', subject_id: 1 }, 'https://wy.example.gov.cn'), 'https://wy.example.gov.cn/m/messages/9')
  })

  test('template ids per kind from the environment, with defaults', ({ assert }) => {
    assert.equal(wechatTemplateId('urge', {}), 'szpm-urge-template')
    assert.equal(wechatTemplateId('notice', { WECHAT_TEMPLATE_NOTICE: ' tmpl-abc ' }), 'tmpl-abc')
    assert.equal(wechatTemplateId('export', { WECHAT_TEMPLATE_NOTICE: 'tmpl-abc' }), 'szpm-export-template')
  })

  test('retries from the environment; a bad value falls back to the default', ({ assert }) => {
    assert.deepEqual(deliveryRetryConfig({}), { attempts: 5, backoffMs: 10_000 })
    assert.deepEqual(deliveryRetryConfig({ MESSAGE_DELIVERY_ATTEMPTS: '3', MESSAGE_DELIVERY_BACKOFF_MS: '500' }), { attempts: 3, backoffMs: 500 })
    assert.deepEqual(deliveryRetryConfig({ MESSAGE_DELIVERY_ATTEMPTS: '0', MESSAGE_DELIVERY_BACKOFF_MS: 'x' }), { attempts: 5, backoffMs: 10_000 })
    assert.equal(deliveryJobId(17), 'delivery-17')
    assert.deepInclude(deliveryJobOptions(), { backoff: { type: 'exponential', delay: deliveryRetryConfig().backoffMs } })
  })

  test('a second reminder the same day names when the last one went', ({ assert }) => {
    const at = DateTime.fromISO('2026-12-07T02:32:00Z')
    assert.equal(alreadySentText(at, '催办'), '今天 10:32 已催办过，每天只能催办一次，本次未发送')
  })
})
