import { defineConfig, drivers } from '@adonisjs/core/hash'

/**
 * Passwords are hashed with argon2id (the `argon2` package: N-API prebuilt binaries for linux
 * glibc/musl, nothing is compiled at install). scrypt stays in the list only to verify hashes made
 * before the switch; a successful login rehashes them to argon2id (`hash.needsReHash`).
 */
const hashConfig = defineConfig({
  default: 'argon',
  list: {
    argon: drivers.argon2({ version: 0x13, variant: 'id', iterations: 3, memory: 65536, parallelism: 4, saltSize: 16, hashLength: 32 }),
    scrypt: drivers.scrypt({ cost: 16384, blockSize: 8, parallelization: 1, maxMemory: 33554432 }),
  },
})

export default hashConfig

declare module '@adonisjs/core/types' {
  export interface HashersList extends InferHashers<typeof hashConfig> {}
}
import type { InferHashers } from '@adonisjs/core/types'
