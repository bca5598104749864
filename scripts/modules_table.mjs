/**
 * `node scripts/modules_table.mjs` — rewrites the module table of docs/modules.md from the module
 * declarations (core/src/modules). `--check` only reports (exit 1) when the table is stale.
 */
import { ensurePinnedNode } from './lib/bootstrap.mjs'

ensurePinnedNode()
const { readFileSync, writeFileSync } = await import('node:fs')
const { withModulesTable } = await import('../core/src/modules/modules_table.ts')
const file = new URL('../docs/modules.md', import.meta.url)
const current = readFileSync(file, 'utf8')
const next = withModulesTable(current)
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('docs/modules.md: the module table is stale; run `node scripts/modules_table.mjs`')
    process.exit(1)
  }
} else if (next !== current) {
  writeFileSync(file, next)
  console.log('docs/modules.md: module table updated')
}
