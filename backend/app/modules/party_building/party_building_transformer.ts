import { COMMITTEE_ROLES, type CommitteeMemberRow, type CommitteeRole } from '@szpm/core'
import { estatePlaceFields } from '#services/estate_place'

export function transformCommitteeMember(row: Record<string, any>): CommitteeMemberRow {
  return {
    id: Number(row.id),
    ...estatePlaceFields(row),
    name: row.name,
    role: row.role as CommitteeRole,
    roleName: COMMITTEE_ROLES[row.role as CommitteeRole] ?? row.role,
    isPartyMember: Boolean(row.is_party_member),
    organizationName: row.organization_name ?? '',
    redProperty: Boolean(row.red_property),
  }
}
