import { test } from '@japa/runner'
import { errors } from '@vinejs/vine'
import { meetsPasswordPolicy, passwordValidator, PASSWORD_POLICY_MESSAGE, assertPasswordPolicy } from '#modules/users/password_validator'
import { DEMO_PASSWORD } from '#database/generators/accounts'
import { PASSWORD } from '#tests/support/world'

test.group('Password policy · 8+ characters of 3 classes', () => {
  test('accepts {0}')
    .with(['Szpm@2026', 'Test@2026pw', 'abcdEF12', 'abcd12#$', 'ABCD12#$', 'Ab1!Ab1!'])
    .run(async ({ assert }, value) => {
      assert.isTrue(meetsPasswordPolicy(value))
      assert.deepEqual(await passwordValidator.validate({ password: value }), { password: value })
    })

  test('refuses {0}')
    .with(['Ab1!', 'Abc1!xy', 'abcdefgh', 'abcdefgh123', 'ABCDEFGH!!', 'abcdEFGH', '12345678!', 'Aa1!'.repeat(40)])
    .run(async ({ assert }, value) => {
      assert.isFalse(meetsPasswordPolicy(value))
      try {
        await passwordValidator.validate({ password: value })
        assert.fail('accepted')
      } catch (error) {
        assert.instanceOf(error, errors.E_VALIDATION_ERROR)
        assert.equal((error as any).messages[0].field, 'password')
      }
    })

  test('the policy message is Chinese and the seed passwords comply', ({ assert }) => {
    assert.equal(PASSWORD_POLICY_MESSAGE, '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少 3 类')
    assert.doesNotThrow(() => assertPasswordPolicy(DEMO_PASSWORD))
    assert.doesNotThrow(() => assertPasswordPolicy(PASSWORD))
    assert.throws(() => assertPasswordPolicy('password'), PASSWORD_POLICY_MESSAGE)
  })
})
