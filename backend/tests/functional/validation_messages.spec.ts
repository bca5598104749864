import { test } from '@japa/runner'
import { readdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { errors as vineErrors } from '@vinejs/vine'
import vine from '@vinejs/vine'
import { messagesProvider, UNLABELLED_FIELD } from '#validators/messages'

/**
 * Every validator of every module (and the statistics one) is walked with an empty body and with
 * wrong, out-of-range, empty and oversized values in each field (and each field of each array item /
 * record value): no 422 message may name a field in English (a run of ≥ 3 lower-case ASCII letters or
 * `_`), nor fall back to the unlabelled 该项 (every field has a Chinese label in app/validators/messages.ts).
 */

const VALUES: unknown[] = ['', 'zzz', -99999999999, 99999999999, 1.5, true, {}, [], 'x'.repeat(2000), null, 'a'.repeat(3), Array.from({ length: 300 }, () => 'x')]
const ENGLISH = /[a-z_]{3,}/

interface Node { type: string; fieldName?: string; properties?: Node[]; each?: Node }

/** payloads that break each field (and each nested field) of a validator's schema */
function payloads(root: Node): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [{}]
  for (const field of root.properties ?? []) {
    const name = field.fieldName!
    for (const value of VALUES) out.push({ [name]: value })
    if (field.type === 'array' && field.each?.type === 'object') {
      out.push({ [name]: [{}] })
      for (const sub of field.each.properties ?? []) for (const value of VALUES) out.push({ [name]: [{ [sub.fieldName!]: value }] })
    }
    if (field.type === 'record' || field.type === 'array') for (const value of VALUES) out.push({ [name]: field.type === 'array' ? [value] : { k: value } })
  }
  return out
}

async function validatorModules() {
  const base = new URL('../../app/', import.meta.url)
  const files: URL[] = [new URL('statistics/stats_validator.ts', base)]
  for (const slug of await readdir(fileURLToPath(new URL('modules/', base)))) {
    for (const file of await readdir(fileURLToPath(new URL(`modules/${slug}/`, base)))) {
      if (file.endsWith('validator.ts')) files.push(new URL(`modules/${slug}/${file}`, base))
    }
  }
  return files
}

test.group('Validation messages', () => {
  test('no 422 message of any validator names a field in English', async ({ assert }) => {
    // start/validator.ts installs the Chinese provider for every validator
    assert.strictEqual(vine.messagesProvider, messagesProvider)
    const offending = new Set<string>()
    let validators = 0
    let messages = 0
    for (const url of await validatorModules()) {
      const exports = await import(url.href)
      for (const [exportName, validator] of Object.entries(exports) as [string, any][]) {
        if (!validator || typeof validator.validate !== 'function' || typeof validator.toJSON !== 'function') continue
        validators++
        const root = validator.toJSON().schema.schema as Node
        for (const data of payloads(root)) {
          try {
            await validator.validate(data)
          } catch (error) {
            if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
            for (const { message, field } of error.messages as { message: string; field: string }[]) {
              messages++
              if (ENGLISH.test(message) || message.includes(UNLABELLED_FIELD)) offending.add(`${exportName}.${field}: ${message}`)
            }
          }
        }
      }
    }
    assert.isAbove(validators, 20)
    assert.isAbove(messages, 500)
    assert.deepEqual([...offending].sort(), [])
  })

  test('a template without a name says 模板名称, a user without one 姓名', async ({ client, assert }) => {
    const { actor } = await import('#tests/support/actors')
    const response = await client.post('/api/v1/evaluation-templates').json({ items: [{ key: 'a', maxScore: 10, weight: 100 }] })
      .loginAs(await actor('city')).withCsrfToken()
    response.assertStatus(422)
    const messages = response.body().errors.map((e: any) => e.message)
    assert.include(messages, '模板名称不能为空')
    assert.include(messages, '评分项名称不能为空')
    assert.notInclude(messages.join(), '姓名')
  })
})
