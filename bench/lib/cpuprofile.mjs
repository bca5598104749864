/** Self time per function of a V8 .cpuprofile (from node --cpu-prof), largest first. */
import { readFileSync } from 'node:fs'

export function topFunctions(file, limit = 6) {
  const profile = JSON.parse(readFileSync(file, 'utf8'))
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map()
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id).callFrame
    const where = frame.url.includes('node_modules/') ? frame.url.replace(/.*node_modules\//, '').split('/')[0] : frame.url.split('/').at(-1)
    const key = `${frame.functionName || '(anonymous)'}${where ? ` (${where})` : ''}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  return { total, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([name, msValue]) => ({ name, ms: msValue })) }
}
