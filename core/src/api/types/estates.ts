/** Wire types of 物业项目 (platform): the one estate page. */

export interface EstateDetail {
  id: number
  name: string
  address: string
  type: string
  communityName: string
  streetName: string
  districtName: string
  buildingArea: number
  houseCount: number
  householdCount: number
  companyName: string
  managerName: string
  /** 项目经理电话, masked (138****1234) unless the user holds personal_data.unmask */
  managerPhone: string
  hasCommittee: boolean
}
