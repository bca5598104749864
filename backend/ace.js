/*
| The ace entry point. Run it through the repository's `./ace` wrapper so it uses the pinned Node 24.
*/
import '@poppinss/ts-exec'
await import('./bin/console.js')
