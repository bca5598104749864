/** the part of `proxy-addr` (the library AdonisJS resolves client addresses with) that config/app.ts uses */
declare module 'proxy-addr' {
  function compile(value: string | string[]): (address: string, distance: number) => boolean
  const proxyAddr: { compile: typeof compile }
  export default proxyAddr
}
