/**
 * The Japa test entry shared by the warehouse and etl suites (`node bin/test.ts [--files ...]`):
 * every `tests/**\/*.spec.ts` with @japa/assert. Exits non-zero when a test fails OR when zero
 * tests ran (a wrong glob or filter must not pass silently). Imported as `@szpm/warehouse/japa`,
 * never from the package's main entry (Japa is a dev dependency).
 */
import { assert } from '@japa/assert'
import { configure, processCLIArgs, run } from '@japa/runner'
import type { PluginFn } from '@japa/runner/types'

export async function runJapaSuite(options: { timeout: number }): Promise<void> {
  let executed = 0
  const countTests: PluginFn = ({ emitter }) => {
    emitter.on('test:end', () => {
      executed++
    })
  }

  processCLIArgs(process.argv.slice(2))
  configure({
    files: ['tests/**/*.spec.{ts,js}'],
    plugins: [assert(), countTests],
    timeout: options.timeout,
    forceExit: false,
  })

  await run()
  if (executed === 0) {
    console.error('no tests were executed — check the files glob / filters')
    process.exitCode = 1
  }
}
