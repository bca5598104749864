/** Chinese labels of stored codes, in one place for the API, exports and tests. */
export const FILING_KIND_NAMES = { contract: '物业服务合同备案', assembly: '业主大会备案' } as const

export const FILING_STATUS_NAMES: Record<string, string> = {
  filed: '已备案',
  expired: '已过期',
  not_filed: '未备案',
  withdrawn: '已撤销',
}

export const FILING_ACTION_NAMES: Record<string, string> = {
  create: '登记备案',
  expire: '标记过期',
  renew: '恢复有效',
  withdraw: '撤销备案',
}

export const LEVEL_NAMES: Record<string, string> = {
  city: '市',
  district: '区',
  street: '街道',
  community: '社区',
  estate: '物业项目',
}
