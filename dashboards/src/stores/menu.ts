import { reactive } from 'vue'

const KEY = 'szpm.pc.menuCollapsed'

function stored(): boolean {
  try {
    return localStorage.getItem(KEY) === '1'
  } catch {
    return false
  }
}

/** Whether the side menu is collapsed to its icons; remembered in this browser. */
const state = reactive({ collapsed: stored() })

export const sideMenu = {
  get collapsed(): boolean {
    return state.collapsed
  },
  toggle() {
    state.collapsed = !state.collapsed
    try {
      localStorage.setItem(KEY, state.collapsed ? '1' : '0')
    } catch {
      // private mode: the choice lasts for this page load
    }
  },
}
