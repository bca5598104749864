import type { Random } from './random.ts'

/** Word lists for clearly synthetic but natural-looking Chinese names (no real estates or people). */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢钟姜崔谭陆汪范廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬斌宇浩凯健俊帆帅旭宁欣怡子涵梓轩雨晨思远嘉豪文博'
const ESTATE_HEADS = ['翠', '锦', '华', '御', '嘉', '碧', '星', '海', '云', '枫', '桃', '荔', '榕', '兰', '金', '银', '泰', '瑞', '鹏', '福', '东', '南', '西', '北', '中', '新', '香', '丽', '景', '阳']
const ESTATE_TAILS = ['苑', '园', '花园', '雅居', '名苑', '新村', '公馆', '广场', '大厦', '华庭', '山庄', '家园', '湾', '府', '中心']
const COMPANY_HEADS = ['万', '招', '华', '中', '金', '鹏', '城', '嘉', '恒', '莲', '彩', '泰', '深', '粤', '景']
const COMPANY_MIDS = ['信', '润', '海', '城', '安', '和', '达', '丰', '源', '祥']
const ROADS = ['深南大道', '红荔路', '北环大道', '滨河大道', '彩田路', '新洲路', '福华路', '东门路', '宝安大道', '龙岗大道', '梅观路', '沙河西路', '科苑路', '南海大道', '布吉路', '人民路']
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六']

export const personName = (r: Random) => r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.chance(0.6) ? r.pick([...GIVEN]) : '')
export const phone = (r: Random) => `1${r.pick(['35', '36', '37', '38', '39', '50', '58', '59', '86', '88'])}${String(r.int(0, 99999999)).padStart(8, '0')}`
export const estateName = (r: Random) => `${r.pick(ESTATE_HEADS)}${r.pick(ESTATE_HEADS)}${r.pick(ESTATE_TAILS)}（演示）`
export const companyName = (r: Random) => `深圳市${r.pick(COMPANY_HEADS)}${r.pick(COMPANY_MIDS)}物业管理有限公司（演示）`
export const address = (r: Random, district: string) => `深圳市${district}${r.pick(ROADS)}${r.int(1, 9999)}号`
/** "园岭街道" → "园岭演示三社区": marked synthetic, never a real community's name. */
export const communityName = (street: string, index: number) => `${street.replace(/街道$/, '')}演示${NUMERALS[index] ?? index + 1}社区`
