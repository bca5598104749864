import type Estate from '#models/estate'
import type { EstateDetail } from '../../client/types.ts'

export function transformEstate(estate: Estate): EstateDetail {
  return {
    id: estate.id,
    name: estate.name,
    address: estate.address,
    type: estate.estateType,
    communityName: estate.community?.name ?? '',
    streetName: estate.street?.name ?? '',
    districtName: estate.district?.name ?? '',
    buildingArea: estate.buildingArea,
    houseCount: estate.houseCount,
    householdCount: estate.householdCount,
    companyName: estate.companyName ?? '',
    managerName: estate.managerName ?? '',
    hasCommittee: estate.hasCommittee,
  }
}
