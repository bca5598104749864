import type { LocationQueryValue } from 'vue-router'

type QueryValue = LocationQueryValue | LocationQueryValue[] | undefined

function first(value: QueryValue): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value
  return raw === null || raw === undefined || raw === '' ? undefined : raw
}

/** a positive integer id from the query string, else undefined */
export function queryId(value: QueryValue): number | undefined {
  const raw = first(value)
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined
  const id = Number(raw)
  return id > 0 ? id : undefined
}

export function queryString(value: QueryValue): string | undefined {
  return first(value)?.trim() || undefined
}
