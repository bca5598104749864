/**
 * Discovery by convention: a layer that keeps one file per statistics module (`<dir>/<slug>.ts`, e.g.
 * warehouse/src/cubes/filings.ts, etl/src/sources/filings.ts) loads them for the declared slugs
 * (STATISTICS_MODULES in @szpm/core) instead of keeping a list by hand. A declared module whose file
 * or export is missing fails at load, naming the file.
 */
import { existsSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** the repository root, for file names in error messages (this file is warehouse/src/module_files.ts) */
const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/**
 * Imports `<dir>/<slug>.ts` for every slug and returns its exports by slug (in slug order), after
 * checking that each file exists and exports every name in `names`. `dir` is a directory URL (ends
 * with '/'), e.g. `new URL('./cubes/', import.meta.url)`.
 */
export async function loadModuleFiles<T extends object>(dir: URL, slugs: readonly string[], names: readonly (keyof T & string)[]): Promise<Readonly<Record<string, T>>> {
  const files = await Promise.all(
    slugs.map(async (slug) => {
      const url = new URL(`${slug}.ts`, dir)
      const file = relative(ROOT, fileURLToPath(url))
      if (!existsSync(url)) throw new Error(`module ${slug} declares statistics but ${file} is missing`)
      const exports = (await import(url.href)) as Record<string, unknown>
      const absent = names.filter((name) => exports[name] === undefined)
      if (absent.length > 0) throw new Error(`module ${slug} declares statistics but ${file} does not export ${absent.join(', ')}`)
      return [slug, exports as T] as const
    })
  )
  return Object.freeze(Object.fromEntries(files))
}
