import { test } from '@japa/runner'
import { featuresOf, maxFeaturesOf, type RoleCode } from '#services/roles'

/**
 * The record-grain statistics (从业人员信息, 车位信息, 共有资金情况, 宣传培训) by default: a street handler
 * reads, exports and urges them (提醒更新), a community head reads and exports, a community handler
 * reads — none maintains what the city, the districts or the head keep (courses, enforcement) — and
 * every default stays within what the role may be granted.
 */
test.group('Role defaults · record-grain statistics', () => {
  const defaults: Record<string, string[]> = {
    street_handler: ['staff.view', 'staff.export', 'staff.remind', 'parking.view', 'parking.export', 'parking.remind', 'common_funds.view', 'common_funds.export', 'training.view', 'training.export'],
    community_head: ['staff.view', 'staff.export', 'parking.view', 'parking.export', 'common_funds.view', 'common_funds.export', 'training.view', 'training.export'],
    community_handler: ['staff.view', 'parking.view', 'common_funds.view', 'training.view'],
  }

  for (const [role, expected] of Object.entries(defaults)) {
    test(`${role}: ${expected.length} features of the four modules, no manage, within its maximum`, ({ assert }) => {
      const features = featuresOf(role as RoleCode)
      const ofModules = features.filter((code) => /^(staff|parking|common_funds|training)\./.test(code))
      assert.sameMembers(ofModules, expected)
      assert.notInclude(features, 'training.manage')
      assert.notInclude(features, 'common_funds.manage')
      const max = maxFeaturesOf(role as RoleCode)
      assert.deepEqual(features.filter((code) => !max.includes(code)), [], 'defaults within ROLE_MAX')
    })
  }
})
