/** Makes Leaflet the global `L` that geoman's bundle extends (imported before it, see leaflet.ts). */
import L from 'leaflet'
;(window as unknown as { L: typeof L }).L = L
export default L
