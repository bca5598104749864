import env from '#start/env'
import type { ApplicationService } from '@adonisjs/core/types'
import { createWarehouse, type Warehouse } from '@szpm/warehouse'

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    warehouse: Warehouse
  }
}

/** One ClickHouse client per process, created on first use and closed on shutdown. */
export default class WarehouseProvider {
  private instance: Warehouse | null = null

  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton('warehouse', () => {
      this.instance = createWarehouse({
        url: env.get('CLICKHOUSE_URL'),
        database: env.get('CLICKHOUSE_DATABASE'),
        maxOpenConnections: env.get('CLICKHOUSE_MAX_CONNECTIONS', 32),
      })
      return this.instance
    })
  }

  async shutdown() {
    await this.instance?.close()
  }
}
