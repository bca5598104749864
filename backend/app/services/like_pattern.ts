/** `%text%` for LIKE / ILIKE, with the user's `%`, `_` and `\` taken literally (keyword filters). */
export function containing(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
