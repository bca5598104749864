/** The administrative hierarchy, declared once as data: district → street → community → estate. */

export type Level = 'district' | 'street' | 'community' | 'estate'

export type LevelDefinition = {
  readonly level: Level
  /** Column holding the level's id (also the filter key). */
  readonly idColumn: `${Level}_id`
  readonly nameColumn: `${Level}_name`
}

export const hierarchy: readonly LevelDefinition[] = Object.freeze([
  { level: 'district', idColumn: 'district_id', nameColumn: 'district_name' },
  { level: 'street', idColumn: 'street_id', nameColumn: 'street_name' },
  { level: 'community', idColumn: 'community_id', nameColumn: 'community_name' },
  { level: 'estate', idColumn: 'estate_id', nameColumn: 'estate_name' },
] as const)

export const levels: readonly Level[] = hierarchy.map((entry) => entry.level)

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (levels as readonly string[]).includes(value)
}

export function levelDefinition(level: Level): LevelDefinition {
  const found = hierarchy.find((entry) => entry.level === level)
  if (!found) throw new Error(`unknown level ${JSON.stringify(level)}`)
  return found
}

/** The next level down, or null for the leaf (estate). */
export function childLevel(level: Level): Level | null {
  const index = levels.indexOf(level)
  if (index < 0) throw new Error(`unknown level ${JSON.stringify(level)}`)
  return levels[index + 1] ?? null
}

/** The next level up, or null for the root (district). */
export function parentLevel(level: Level): Level | null {
  const index = levels.indexOf(level)
  if (index < 0) throw new Error(`unknown level ${JSON.stringify(level)}`)
  return index === 0 ? null : levels[index - 1]
}
