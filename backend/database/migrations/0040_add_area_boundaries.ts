import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 物业区域管理 · map query: the boundary of every region (district / street / community) and estate, a
 * GeoJSON Polygon in WGS-84 (`boundary`), with its bounding box in four columns so a map query
 * prefilters in SQL before the exact test (app/modules/areas/spatial.ts). The generator lays them out
 * (database/generators/boundaries.ts); rows that exist already get a small square around the estate's
 * point and, per region, the box around its estates.
 */
export default class extends BaseSchema {
  async up() {
    for (const table of ['regions', 'estates']) {
      this.schema.alterTable(table, (t) => {
        t.jsonb('boundary').nullable()
        t.double('min_lng').nullable()
        t.double('min_lat').nullable()
        t.double('max_lng').nullable()
        t.double('max_lat').nullable()
      })
    }
    this.schema.raw(`CREATE INDEX estates_bbox_index ON estates (min_lng, max_lng, min_lat, max_lat)`)
    this.defer(async (db) => {
      await db.rawQuery(`
        UPDATE estates SET min_lng = lng - 0.0006, max_lng = lng + 0.0006, min_lat = lat - 0.0005, max_lat = lat + 0.0005
         WHERE lng IS NOT NULL AND lat IS NOT NULL`)
      for (const [level, column] of [['community', 'community_id'], ['street', 'street_id'], ['district', 'district_id']]) {
        await db.rawQuery(`
          UPDATE regions r SET min_lng = b.min_lng - 0.002, max_lng = b.max_lng + 0.002, min_lat = b.min_lat - 0.002, max_lat = b.max_lat + 0.002
            FROM (SELECT ${column} AS id, min(min_lng) AS min_lng, max(max_lng) AS max_lng, min(min_lat) AS min_lat, max(max_lat) AS max_lat
                    FROM estates WHERE min_lng IS NOT NULL GROUP BY ${column}) b
           WHERE r.id = b.id AND r.level = '${level}'`)
      }
      for (const table of ['estates', 'regions']) {
        await db.rawQuery(`
          UPDATE ${table} SET boundary = jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
            jsonb_build_array(min_lng, min_lat), jsonb_build_array(max_lng, min_lat), jsonb_build_array(max_lng, max_lat),
            jsonb_build_array(min_lng, max_lat), jsonb_build_array(min_lng, min_lat))))
           WHERE min_lng IS NOT NULL`)
      }
    })
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS estates_bbox_index')
    for (const table of ['regions', 'estates']) {
      this.schema.alterTable(table, (t) => {
        t.dropColumns('boundary', 'min_lng', 'min_lat', 'max_lng', 'max_lat')
      })
    }
  }
}
