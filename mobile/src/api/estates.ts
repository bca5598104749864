import type { EstateDetail } from '@szpm/api'
import { api } from './client'

export async function fetchEstate(id: number): Promise<EstateDetail> {
  return (await api.estates.show(id)).data
}
