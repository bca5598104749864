import { defineModule } from './types.ts'

/**
 * 物业项目 (platform): the one estate page every module's estate link opens; each module that has
 * data about an estate adds a tab (`estateTab`), shown to users holding that module's feature.
 * `estates.own` is held only by estate-side accounts (项目经理, 业委会主任): it opens the page of their
 * own estates (the data scope of `user_estates`; any other estate is a 404) with the basic facts tab.
 */
export const estates = defineModule({
  no: 0,
  name: '物业项目',
  slug: 'estates',
  status: 'live',
  group: 'statistics',
  features: { 'estates.own': '查看本单位项目' },
  routes: [
    // any feature of a module with an estate tab opens the page; the tabs check their own feature
    { name: 'estates.show', method: 'GET', path: 'estates/:id', access: 'estate_tabs', label: '物业项目详情', params: { id: 'id' }, scoped: true },
  ],
  pages: [
    { name: 'estate', path: '/estates/:id(\\d+)', title: '物业项目详情', feature: 'estate_tabs', apps: ['pc', 'h5'] },
  ],
  estateTab: { label: '基本信息', feature: 'estates.own' },
})
