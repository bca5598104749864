/**
 * Deterministic synthetic rows of the 物业项目 export's shape (EstateListRow), yielded lazily like the
 * controller's batched query; the columns are the backend's own (estate_export_columns.ts).
 */

const DISTRICTS = ['福田区', '罗湖区', '南山区', '盐田区', '宝安区', '龙岗区', '龙华区', '坪山区', '光明区', '大鹏新区']
const TYPES = ['住宅', '商业', '办公', '混合']
const NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

export async function* syntheticEstateRows(count) {
  for (let i = 0; i < count; i++) {
    const district = DISTRICTS[i % DISTRICTS.length]
    const street = `${district.slice(0, 2)}演示${NUMBERS[(i >> 3) % 10]}街道`
    const community = `${street.slice(0, 2)}演示${NUMBERS[(i >> 5) % 10]}社区`
    yield {
      id: i + 1,
      name: `${community.slice(0, 2)}花园第${i + 1}期（演示）`,
      type: TYPES[i % TYPES.length],
      address: `深圳市${district}${street}${community}演示路${(i % 300) + 1}号`,
      districtName: district,
      streetName: street,
      communityName: community,
      buildingArea: Math.round(((i * 7919) % 200_000) + 5_000.25) + 0.25,
      houseCount: 80 + (i % 920),
      householdCount: 60 + (i % 900),
      companyName: `深圳市演示${NUMBERS[i % 10]}物业管理有限公司`,
      managerName: `张${NUMBERS[(i >> 2) % 10]}`,
      hasCommittee: i % 3 === 0,
    }
  }
}
