import { defineModule, type MenuGroup } from './types.ts'

/**
 * Modules of the manual not built yet: only their features exist, so heads can grant them ahead and
 * the catalogue is complete. Each becomes a file of its own (like filings.ts) when it is built.
 */
export const planned = (no: number, name: string, slug: string, group: MenuGroup, features: Record<string, string>) =>
  defineModule({ no, name, slug, status: 'planned', group, features })

export const PLANNED_MODULES: readonly ReturnType<typeof planned>[] = [
]
