/**
 * Japa test entry: `node bin/test.ts [--files ...]`.
 * Exits non-zero when a test fails OR when zero tests ran (a wrong glob must not pass silently).
 */
import { assert } from '@japa/assert'
import { configure, processCLIArgs, run } from '@japa/runner'
import type { PluginFn } from '@japa/runner/types'

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
  timeout: 30_000,
  forceExit: false,
})

await run()
if (executed === 0) {
  console.error('no tests were executed — check the files glob / filters')
  process.exitCode = 1
}
