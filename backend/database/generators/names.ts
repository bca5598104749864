import { Faker, base, zh_CN } from '@faker-js/faker'
import type { Random } from './random.ts'

/**
 * Clearly synthetic but natural-looking Chinese names. Places (communities, estates, companies)
 * always carry a 演示 marker so they can never be mistaken for real ones; people's names and phone
 * numbers come from faker's zh_CN locale (seeded), ID numbers are synthetic with a valid check digit.
 */
const ESTATE_HEADS = ['翠', '锦', '华', '御', '嘉', '碧', '星', '海', '云', '枫', '桃', '荔', '榕', '兰', '金', '银', '泰', '瑞', '鹏', '福', '东', '南', '西', '北', '中', '新', '香', '丽', '景', '阳']
const ESTATE_TAILS = ['苑', '园', '花园', '雅居', '名苑', '新村', '公馆', '广场', '大厦', '华庭', '山庄', '家园', '湾', '府', '中心']
const COMPANY_HEADS = ['万', '招', '华', '中', '金', '鹏', '城', '嘉', '恒', '莲', '彩', '泰', '深', '粤', '景']
const COMPANY_MIDS = ['信', '润', '海', '城', '安', '和', '达', '丰', '源', '祥']
const ROADS = ['深南大道', '红荔路', '北环大道', '滨河大道', '彩田路', '新洲路', '福华路', '东门路', '宝安大道', '龙岗大道', '梅观路', '沙河西路', '科苑路', '南海大道', '布吉路', '人民路']
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六']

/** The marker every generated place name carries. */
export const SYNTHETIC_MARKER = '演示'

export const estateName = (r: Random) => `${r.pick(ESTATE_HEADS)}${r.pick(ESTATE_HEADS)}${r.pick(ESTATE_TAILS)}（演示）`
export const companyName = (r: Random) => `深圳市${r.pick(COMPANY_HEADS)}${r.pick(COMPANY_MIDS)}物业管理有限公司（演示）`
export const address = (r: Random, district: string) => `深圳市${district}${r.pick(ROADS)}${r.int(1, 9999)}号`
/** "园岭街道" → "园岭演示三社区": marked synthetic, never a real community's name. */
export const communityName = (street: string, index: number) => `${street.replace(/街道$/, '')}演示${NUMERALS[index] ?? index + 1}社区`

/** Mainland mobile number prefixes in current use. */
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '145', '147', '150', '151', '152', '153', '155',
  '156', '157', '158', '159', '166', '170', '173', '175', '176', '177', '178', '180', '181', '182', '183', '184', '185',
  '186', '187', '188', '189', '191', '198', '199',
]

/** A seeded zh_CN faker (own instance: never touches the shared `fakerZH_CN` state). */
export function createPeople(seed: number) {
  const faker = new Faker({ locale: [zh_CN, base] })
  faker.seed(seed)
  return {
    faker,
    /** 王伟, 司徒一诺 … */
    name: () => faker.person.lastName() + faker.person.firstName(),
    /** 11-digit mobile number with a real carrier prefix */
    phone: () => faker.helpers.arrayElement(MOBILE_PREFIXES) + String(faker.number.int(99_999_999)).padStart(8, '0'),
  }
}

export type People = ReturnType<typeof createPeople>

/**
 * Birthplace codes for ID numbers: Shenzhen's districts plus the provinces most residents come from.
 * (Address codes are public administrative codes; the numbers built from them are synthetic.)
 */
const ID_AREA_CODES = [
  '440303', '440304', '440305', '440306', '440307', '440308', '440309', '440310', '440311', '440104', '440106', '440507',
  '441302', '441502', '445202', '441802', '440882', '430102', '430602', '360102', '420102', '450102', '510104', '350102',
  '410102', '610102', '340102', '370102', '320102', '500103',
]
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits. */
export function idNumberCheckDigit(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]
  return ID_CHECK[sum % 11]
}

export function isValidIdNumber(value: string): boolean {
  return /^\d{17}[\dX]$/.test(value) && idNumberCheckDigit(value.slice(0, 17)) === value[17]
}

const pad = (value: number, width: number) => String(value).padStart(width, '0')

/** A synthetic 18-digit resident ID number: area code, birth date (1950–2005), sequence, check digit. */
export function idNumber(r: Random): string {
  const year = r.int(1950, 2005)
  const month = r.int(1, 12)
  const day = r.int(1, 28)
  const first17 = `${r.pick(ID_AREA_CODES)}${year}${pad(month, 2)}${pad(day, 2)}${pad(r.int(0, 999), 3)}`
  return first17 + idNumberCheckDigit(first17)
}
