import cliProgress from 'cli-progress'

/** One step's progress: `increment` as work is consumed, `stop` when the step is done. */
export interface ProgressBar {
  increment(by?: number): void
  stop(): void
}

export interface ProgressReporter {
  start(label: string, total: number, unit: string): ProgressBar
}

const rate = (value: number, startedAt: number) => {
  const seconds = (performance.now() - startedAt) / 1000
  return seconds > 0 ? Math.round(value / seconds) : 0
}

/** Progress that goes nowhere (tests). */
export const silentProgress: ProgressReporter = {
  start: () => ({ increment() {}, stop() {} }),
}

/**
 * A cli-progress bar with rate and ETA on a TTY; otherwise plain log lines at every 10 % (CI, pipes,
 * `npm start` logs). Writes to stderr so stdout stays clean for the summary.
 */
export function createProgressReporter(options: { stream?: NodeJS.WriteStream; log?: (line: string) => void } = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr
  const log = options.log ?? ((line: string) => stream.write(`${line}\n`))
  return {
    start(label, total, unit) {
      const startedAt = performance.now()
      let value = 0
      if (stream.isTTY) {
        const bar = new cliProgress.SingleBar(
          {
            stream,
            format: `  ${label.padEnd(18)} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted} | {duration_formatted}`,
            etaBuffer: 50,
            fps: 5,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic
        )
        bar.start(Math.max(total, 1), 0, { rate: 0 })
        return {
          increment(by = 1) {
            value += by
            bar.update(value, { rate: rate(value, startedAt) })
          },
          stop() {
            bar.update(value, { rate: rate(value, startedAt) })
            bar.stop()
          },
        }
      }
      let nextPercent = 10
      return {
        increment(by = 1) {
          value += by
          const percent = total > 0 ? (value / total) * 100 : 100
          if (percent >= nextPercent && percent < 100) {
            const elapsed = (performance.now() - startedAt) / 1000
            const eta = value > 0 ? Math.round((elapsed * (total - value)) / value) : 0
            log(`  ${label}: ${Math.floor(percent)}% (${value}/${total} ${unit}, ${rate(value, startedAt)}/s, ETA ${eta}s)`)
            while (nextPercent <= percent) nextPercent += 10
          }
        },
        stop() {
          const elapsed = (performance.now() - startedAt) / 1000
          log(`  ${label}: done (${value} ${unit} in ${elapsed.toFixed(1)}s, ${rate(value, startedAt)}/s)`)
        },
      }
    },
  }
}
