/** 物业项目 (platform): the one estate page. */
import type { Http } from './http.ts'
import type { EstateDetail } from './types.ts'

export function estatesApi(http: Http) {
  return {
    show: (id: number) => http.call<EstateDetail>('estates.show', { params: { id } }),
  }
}
