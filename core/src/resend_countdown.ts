/**
 * The wait before an SMS code may be asked for again (获取验证码 → “59 秒后重发”), framework-free:
 * `start(seconds)` reports the seconds left through `onTick` at once and then every second down to
 * 0; starting again restarts it; `stop()` ends it early (call it when the page unmounts).
 */
export function resendCountdown(onTick: (secondsLeft: number) => void) {
  let timer: ReturnType<typeof setInterval> | undefined
  let left = 0

  function stop() {
    clearInterval(timer)
    timer = undefined
  }

  function start(seconds: number) {
    stop()
    left = seconds
    onTick(left)
    timer = setInterval(() => {
      left -= 1
      onTick(left)
      if (left <= 0) stop()
    }, 1000)
  }

  return { start, stop }
}
