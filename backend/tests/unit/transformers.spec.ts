import { test } from '@japa/runner'
import { maskPhone } from '#services/masking'
import { transformEstateFiling } from '#modules/filings/estate_filing_transformer'
import { featuresOf } from '#services/roles'

test.group('Transformers', () => {
  test('phones are masked as 138****1234', ({ assert }) => {
    assert.equal(maskPhone('13812341234'), '138****1234')
    assert.equal(maskPhone('123'), '****')
  })

  test('estate filing rows carry Chinese status names and plain dates', ({ assert }) => {
    const row = transformEstateFiling({
      estate_id: 1, estate_name: '翠园', community_name: 'c', street_name: 's', district_name: 'd',
      contract_status: 'expired', contract_document_no: 'A', contract_filed_on: new Date(2025, 0, 9), contract_expires_on: null,
      assembly_status: 'not_filed', assembly_document_no: null, assembly_filed_on: null,
    })
    assert.equal(row.contractStatusName, '已过期')
    assert.equal(row.assemblyStatusName, '未备案')
    assert.equal(row.contractFiledOn, '2025-01-09')
    assert.isNull(row.contractExpiresOn)
  })

  test('a street handler may manage filings and review evaluations, a party secretary may only view', ({ assert }) => {
    assert.include(featuresOf('street_handler'), 'filings.manage')
    assert.includeMembers(featuresOf('street_handler'), ['todos.view', 'evaluations.handle', 'evaluations.export'])
    assert.deepEqual(featuresOf('party_secretary'), ['todos.view', 'filings.view', 'projects.view', 'evaluations.view', 'party_building.view', 'party_building.export'])
    // community staff score (evaluations.handle); only the community head exports
    assert.include(featuresOf('community_handler'), 'evaluations.handle')
    assert.notInclude(featuresOf('community_handler'), 'evaluations.export')
    assert.include(featuresOf('community_head'), 'evaluations.export')
    // templates and the holiday calendar are the city's
    assert.includeMembers(featuresOf('city_admin'), ['evaluations.manage', 'calendar.manage'])
    assert.notInclude(featuresOf('street_head'), 'evaluations.manage')
  })
})
