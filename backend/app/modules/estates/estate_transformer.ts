import type Estate from '#models/estate'
import { MASKED, type PersonalDataView } from '#services/masking'
import type { EstateDetail, EstateListRow } from '@szpm/core'

export function transformEstate(estate: Estate, personal: PersonalDataView = MASKED): EstateDetail {
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
    managerPhone: personal.phone(estate.managerPhone),
    hasCommittee: estate.hasCommittee,
  }
}

/** A row of the estate list query (estates joined to their region names). */
export function transformEstateListRow(row: Record<string, any>): EstateListRow {
  return {
    id: row.id,
    name: row.name,
    type: row.estate_type,
    address: row.address,
    districtName: row.district_name,
    streetName: row.street_name,
    communityName: row.community_name,
    buildingArea: Number(row.building_area),
    houseCount: row.house_count,
    householdCount: row.household_count,
    companyName: row.company_name ?? '',
    managerName: row.manager_name ?? '',
    hasCommittee: row.has_committee,
  }
}
