/** 车位信息 (module 10): 提醒更新, and the estate project manager's own spaces. */
import type { Http, Query } from './http.ts'
import type { ParkingSpaceKind, ParkingSpaceStatus } from '../modules/parking.ts'
import type { EstateParkingMeta, EstateReminderResult, ParkingSpaceRow } from './types.ts'

export interface ParkingSpaceInput {
  kind: ParkingSpaceKind
  code: string
  location?: string
  status?: ParkingSpaceStatus
}

export function parkingApi(http: Http) {
  return {
    /** reminds the project managers of the region's estates that never filled parking in (once a day each) */
    remind: (regionId?: number) => http.call<EstateReminderResult>('parking.remind', { body: regionId ? { region_id: regionId } : {} }),
    /** the spaces of an estate the user is the project manager of */
    estateSpaces: (estateId: number, query: { kind?: ParkingSpaceKind; q?: string; page?: number; per_page?: number } = {}) =>
      http.call<ParkingSpaceRow[], EstateParkingMeta>('estate_parking.index', { params: { id: estateId }, query: query as Query }),
    /** the Excel download of the estate's spaces with the list's filters */
    estateSpacesExportUrl: (estateId: number, query: { kind?: ParkingSpaceKind; q?: string } = {}) =>
      http.url('estate_parking.export', { params: { id: estateId }, query: query as Query }),
    addSpace: (estateId: number, input: ParkingSpaceInput) => http.call<ParkingSpaceRow>('estate_parking.store', { params: { id: estateId }, body: input }),
    updateSpace: (id: number, input: Partial<ParkingSpaceInput> & { version: number }) => http.call<ParkingSpaceRow>('estate_parking.update', { params: { id }, body: input }),
    deleteSpace: (id: number, version: number) => http.call<{ id: number }>('estate_parking.destroy', { params: { id }, body: { version } }),
  }
}

/** the add / edit form of a space (PC and H5) */
export interface ParkingSpaceForm {
  kind: ParkingSpaceKind | ''
  code: string
  location: string
  status: ParkingSpaceStatus
}

export const emptyParkingSpaceForm = (): ParkingSpaceForm => ({ kind: '', code: '', location: '', status: 'in_use' })

export const parkingSpaceFormOf = (row: ParkingSpaceRow): ParkingSpaceForm => ({ kind: row.kind, code: row.code, location: row.location, status: row.status })

export const parkingSpaceBody = (form: ParkingSpaceForm): ParkingSpaceInput => ({ kind: form.kind as ParkingSpaceKind, code: form.code, location: form.location, status: form.status })

/** saves the space form (an add when `editing` is null), answering the success message (both apps) */
export async function saveParkingSpace(parking: ReturnType<typeof parkingApi>, estateId: number, form: ParkingSpaceForm, editing: ParkingSpaceRow | null): Promise<string> {
  if (editing) {
    await parking.updateSpace(editing.id, { ...parkingSpaceBody(form), version: editing.version })
    return '已保存'
  }
  await parking.addSpace(estateId, parkingSpaceBody(form))
  return '已新增'
}
