import { BaseSchema } from '@adonisjs/lucid/schema'

/** 房屋 (houses) of each estate and their owners (业主). An estate's house/household totals are kept on `estates`. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('owners', (table) => {
      table.bigIncrements('id')
      table.text('name').notNullable()
      table.text('phone').notNullable()
      /** 18-digit resident ID number (synthetic in demo data); masked in every response */
      table.text('id_number').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })

    this.schema.createTable('houses', (table) => {
      table.bigIncrements('id')
      table.integer('estate_id').notNullable().references('estates.id')
      table.text('building').notNullable()
      table.text('unit').notNullable()
      table.text('number').notNullable()
      table.decimal('building_area', 10, 2).notNullable()
      /** 住宅 / 商业 / 办公 / 车库 / 其他 */
      table.text('house_use').notNullable()
      table.bigInteger('owner_id').nullable().references('owners.id')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['estate_id', 'building', 'unit', 'number'])
    })
    this.schema.raw('CREATE INDEX houses_owner_id_index ON houses (owner_id)')
  }

  async down() {
    this.schema.dropTable('houses')
    this.schema.dropTable('owners')
  }
}
