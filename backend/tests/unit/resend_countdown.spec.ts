import { test } from '@japa/runner'
import { mock } from 'node:test'
import { resendCountdown } from '@szpm/core'

test.group('resendCountdown (获取验证码 → “N 秒后重发”)', (group) => {
  group.each.setup(() => {
    mock.timers.enable({ apis: ['setInterval'] })
    return () => mock.timers.reset()
  })

  test('reports the seconds left at once, then every second down to 0, then stops', ({ assert }) => {
    const ticks: number[] = []
    const countdown = resendCountdown((left) => ticks.push(left))
    countdown.start(3)
    assert.deepEqual(ticks, [3])
    mock.timers.tick(1000)
    assert.deepEqual(ticks, [3, 2])
    mock.timers.tick(2000)
    assert.deepEqual(ticks, [3, 2, 1, 0])
    mock.timers.tick(5000)
    assert.deepEqual(ticks, [3, 2, 1, 0], 'no tick after 0')
  })

  test('starting again restarts it; stop ends it', ({ assert }) => {
    const ticks: number[] = []
    const countdown = resendCountdown((left) => ticks.push(left))
    countdown.start(60)
    mock.timers.tick(1000)
    countdown.start(2)
    mock.timers.tick(1000)
    assert.deepEqual(ticks, [60, 59, 2, 1], 'one timer, not two')
    countdown.stop()
    mock.timers.tick(5000)
    assert.deepEqual(ticks, [60, 59, 2, 1])
  })
})
