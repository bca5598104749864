import env from '#start/env'
import { defineConfig } from '@adonisjs/redis'
import type { InferConnections } from '@adonisjs/redis/types'
import { RESILIENT_REDIS_OPTIONS } from '#services/redis_options'

const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    main: {
      // ioredis accepts a URL through `path`-less options; parse it ourselves for clarity.
      ...parseRedisUrl(env.get('REDIS_URL')),
      keyPrefix: '',
      // reconnect forever, fail commands fast while Redis is down (see services/redis_options.ts)
      ...RESILIENT_REDIS_OPTIONS,
    },
  },
})

function parseRedisUrl(value: string) {
  const url = new URL(value)
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: Number(url.pathname.replace('/', '') || 0),
  }
}

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}
