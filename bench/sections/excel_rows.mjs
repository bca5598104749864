/**
 * The 物业项目 export's columns (as in backend/app/controllers/estates_controller.ts#export) and
 * deterministic synthetic rows of the same shape (EstateListRow), yielded lazily like the
 * controller's batched query.
 */
export const ESTATE_COLUMNS = [
  { header: '物业项目', width: 28, value: (r) => r.name },
  { header: '类型', value: (r) => r.type },
  { header: '所属区', value: (r) => r.districtName },
  { header: '所属街道', value: (r) => r.streetName },
  { header: '所属社区', value: (r) => r.communityName },
  { header: '地址', width: 36, value: (r) => r.address },
  { header: '建筑面积(㎡)', width: 16, value: (r) => r.buildingArea },
  { header: '房屋数', value: (r) => r.houseCount },
  { header: '户数', value: (r) => r.householdCount },
  { header: '物业服务企业', width: 32, value: (r) => r.companyName },
  { header: '项目经理', value: (r) => r.managerName },
  { header: '业委会', value: (r) => (r.hasCommittee ? '已成立' : '未成立') },
]

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
