/**
 * Leaflet with the geoman draw tools. geoman's bundle extends the global `L`, so leaflet_global.ts
 * (imported first: ES modules evaluate their imports in order) sets it.
 */
import L from './leaflet_global'
import '@geoman-io/leaflet-geoman-free'
import 'leaflet/dist/leaflet.css'
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css'

export default L
