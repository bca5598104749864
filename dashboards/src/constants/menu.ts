import type { Component } from 'vue'
import { DataAnalysis, HomeFilled, Monitor, Setting, Tickets } from '@element-plus/icons-vue'
import type { MenuGroup } from '@szpm/core'

/** Icons of the side menu: one per declared menu group (shown alone when the menu is collapsed), and 首页. */
export const MENU_GROUP_ICONS: Readonly<Record<MenuGroup, Component>> = {
  workbench: Monitor,
  statistics: DataAnalysis,
  business: Tickets,
  platform: Setting,
}

export const HOME_ICON: Component = HomeFilled
