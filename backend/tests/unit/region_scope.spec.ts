import { test } from '@japa/runner'
import Region from '#models/region'
import { regionWithin } from '#services/region_scope'

function region(attrs: Partial<Region>) {
  const r = new Region()
  r.merge({ districtId: null, streetId: null, parentId: null, ...attrs })
  return r
}

const city = region({ id: 1, level: 'city', name: '深圳市' })
const futian = region({ id: 2, level: 'district', name: '福田区' })
const luohu = region({ id: 3, level: 'district', name: '罗湖区' })
const yuanling = region({ id: 4, level: 'street', name: '园岭街道', districtId: 2 })
const nanyuan = region({ id: 5, level: 'street', name: '南园街道', districtId: 2 })
const yl1 = region({ id: 7, level: 'community', name: '园岭一社区', districtId: 2, streetId: 4 })
const ny1 = region({ id: 9, level: 'community', name: '南园一社区', districtId: 2, streetId: 5 })

test.group('Region scope · regionWithin', () => {
  test('the city reaches everything', ({ assert }) => {
    for (const target of [city, futian, luohu, yuanling, yl1]) assert.isTrue(regionWithin(target, city))
  })

  test('a district reaches its streets and communities only', ({ assert }) => {
    assert.isTrue(regionWithin(yuanling, futian))
    assert.isTrue(regionWithin(ny1, futian))
    assert.isTrue(regionWithin(futian, futian))
    assert.isFalse(regionWithin(luohu, futian))
    assert.isFalse(regionWithin(city, futian))
  })

  test('a street reaches its own communities, never a sibling street', ({ assert }) => {
    assert.isTrue(regionWithin(yl1, yuanling))
    assert.isFalse(regionWithin(ny1, yuanling))
    assert.isFalse(regionWithin(nanyuan, yuanling))
    assert.isFalse(regionWithin(futian, yuanling))
  })

  test('a community reaches only itself', ({ assert }) => {
    assert.isTrue(regionWithin(yl1, yl1))
    assert.isFalse(regionWithin(ny1, yl1))
    assert.isFalse(regionWithin(yuanling, yl1))
  })
})
