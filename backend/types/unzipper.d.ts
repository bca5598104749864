/** The part of unzipper 0.10 (no bundled types) app/services/xlsx_reader.ts uses. */
declare module 'unzipper' {
  import type { Duplex, PassThrough } from 'node:stream'

  namespace unzipper {
    interface Entry extends PassThrough {
      path: string
      type: 'Directory' | 'File'
      autodrain(): { promise(): Promise<void> }
    }
  }

  const unzipper: {
    Parse(options?: { forceStream?: boolean }): Duplex
  }

  export default unzipper
}
