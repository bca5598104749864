/*
| A local stand-in for an S3-compatible object store (AWS S3, MinIO, Tencent COS, Alibaba OSS …),
| speaking the REST contract the storage disk uses, path-style (`/<bucket>/<key>`):
|
|   PUT    /<bucket>/<key>   PutObject; a body in `aws-chunked` encoding (what the AWS SDK sends
|                            with flexible checksums) is decoded, its trailing checksum ignored
|   GET    /<bucket>/<key>   GetObject
|   HEAD   /<bucket>/<key>   HeadObject (Content-Length, Content-Type, ETag, Last-Modified)
|   DELETE /<bucket>/<key>   DeleteObject (204, also for a missing key, as S3 does)
|
| Every request must carry a valid AWS Signature Version 4 for the configured key pair (the canonical
| request is rebuilt and the signature compared), so a client with a wrong secret, region or clock
| fails here as it would against the real service. Errors are S3's XML (<Error><Code>…).
| Test helpers: GET /__objects → [{ bucket, key, size, contentType }].
|
| Plain node:http and erasable TypeScript only: `node backend/stubs/s3_stub.ts` works without a loader.
*/
import http from 'node:http'
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { AddressInfo } from 'node:net'

export interface S3StubOptions {
  port?: number
  host?: string
  /** buckets that exist (default: `szpm`) */
  buckets?: string[]
  accessKeyId?: string
  secretAccessKey?: string
}

export interface S3StubObject {
  bucket: string
  key: string
  body: Buffer<ArrayBufferLike>
  contentType: string
  etag: string
  lastModified: Date
}

export interface S3Stub {
  url: string
  accessKeyId: string
  secretAccessKey: string
  objects(): S3StubObject[]
  clear(): void
  close(): Promise<void>
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest()

function xmlError(res: http.ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'Content-Type': 'application/xml' })
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`)
}

/** aws-chunked: `<hex size>[;chunk-signature=…]\r\n<data>\r\n` … `0\r\n<trailers>\r\n\r\n` */
export function decodeAwsChunked(body: Buffer<ArrayBufferLike>): Buffer<ArrayBufferLike> {
  const parts: Buffer[] = []
  let offset = 0
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset)
    if (lineEnd < 0) throw new Error('truncated aws-chunked body')
    const size = Number.parseInt(body.subarray(offset, lineEnd).toString('latin1').split(';')[0], 16)
    if (!Number.isFinite(size)) throw new Error('bad aws-chunked chunk size')
    if (size === 0) return Buffer.concat(parts)
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size))
    offset = lineEnd + 2 + size + 2
  }
}

/** AWS Signature Version 4 of a request, rebuilt from what arrived (header-based auth). */
function signatureMatches(req: http.IncomingMessage, url: URL, accessKeyId: string, secret: string): boolean {
  const auth = req.headers.authorization ?? ''
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth)
  if (!match) return false
  const [, keyId, date, region, service, signedHeaders, signature] = match
  if (keyId !== accessKeyId) return false
  const amzDate = String(req.headers['x-amz-date'] ?? '')
  const query = [...url.searchParams.entries()]
    .map(([key, value]) => [encodeRfc3986(key), encodeRfc3986(value)])
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&')
  const headers = signedHeaders
    .split(';')
    .map((name) => {
      const value = req.headers[name]
      return `${name}:${(Array.isArray(value) ? value.join(',') : String(value ?? '')).trim().replace(/\s+/g, ' ')}\n`
    })
    .join('')
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD')
  const canonical = [req.method, url.pathname, query, headers, signedHeaders, payloadHash].join('\n')
  const scope = `${date}/${region}/${service}/aws4_request`
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n')
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request')
  const expected = Buffer.from(createHmac('sha256', key).update(toSign).digest('hex'))
  return expected.length === signature.length && timingSafeEqual(expected, Buffer.from(signature))
}

function encodeRfc3986(value: string) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

export async function startS3Stub(options: S3StubOptions = {}): Promise<S3Stub> {
  const buckets = new Set(options.buckets ?? ['szpm'])
  const accessKeyId = options.accessKeyId ?? 'STUBACCESSKEY000'
  const secretAccessKey = options.secretAccessKey ?? 'stub-secret-access-key'
  const store = new Map<string, S3StubObject>()

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub')
      if (url.pathname === '/__objects') {
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify([...store.values()].map((o) => ({ bucket: o.bucket, key: o.key, size: o.body.length, contentType: o.contentType }))))
        return
      }
      if (!signatureMatches(req, url, accessKeyId, secretAccessKey)) {
        xmlError(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')
        return
      }
      const [, bucket, ...rest] = url.pathname.split('/')
      const key = rest.map((part) => decodeURIComponent(part)).join('/')
      if (!buckets.has(bucket)) return xmlError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist')
      if (!key) return xmlError(res, 400, 'InvalidRequest', 'only object operations are supported')
      const id = `${bucket}/${key}`
      const object = store.get(id)

      if (req.method === 'PUT') {
        let body: Buffer<ArrayBufferLike> = Buffer.concat(chunks)
        const encoding = String(req.headers['content-encoding'] ?? '')
        if (encoding.includes('aws-chunked') || String(req.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-')) body = decodeAwsChunked(body)
        const declared = req.headers['x-amz-decoded-content-length']
        if (declared !== undefined && Number(declared) !== body.length) return xmlError(res, 400, 'IncompleteBody', 'You did not provide the number of bytes specified')
        const etag = `"${createHash('md5').update(body).digest('hex')}"`
        store.set(id, { bucket, key, body, contentType: String(req.headers['content-type'] ?? 'application/octet-stream'), etag, lastModified: new Date() })
        res.writeHead(200, { ETag: etag })
        res.end()
        return
      }
      if (req.method === 'DELETE') {
        store.delete(id)
        res.writeHead(204)
        res.end()
        return
      }
      if (req.method === 'GET' || req.method === 'HEAD') {
        if (!object) {
          if (req.method === 'HEAD') {
            res.writeHead(404)
            res.end()
            return
          }
          return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.')
        }
        res.writeHead(200, {
          'Content-Length': object.body.length,
          'Content-Type': object.contentType,
          ETag: object.etag,
          'Last-Modified': object.lastModified.toUTCString(),
        })
        res.end(req.method === 'GET' ? object.body : undefined)
        return
      }
      xmlError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.')
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve))
  const address = server.address() as AddressInfo
  return {
    url: `http://${address.address}:${address.port}`,
    accessKeyId,
    secretAccessKey,
    objects: () => [...store.values()],
    clear: () => store.clear(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
