import { PARKING_SPACE_KINDS, PARKING_SPACE_STATUSES, type ParkingSpaceKind, type ParkingSpaceRow, type ParkingSpaceStatus } from '@szpm/core'

export function transformParkingSpace(row: Record<string, any>): ParkingSpaceRow {
  return {
    id: Number(row.id),
    districtName: row.district_name,
    streetName: row.street_name,
    communityName: row.community_name,
    estateId: Number(row.estate_id),
    estateName: row.estate_name,
    code: row.code,
    kind: row.kind as ParkingSpaceKind,
    kindName: PARKING_SPACE_KINDS[row.kind as ParkingSpaceKind] ?? row.kind,
    location: row.location,
    status: row.status as ParkingSpaceStatus,
    statusName: PARKING_SPACE_STATUSES[row.status as ParkingSpaceStatus] ?? row.status,
    version: Number(row.version),
  }
}
