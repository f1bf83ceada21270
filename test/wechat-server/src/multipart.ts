/** A minimal multipart/form-data reader: enough for the platform's `media` upload field. */

/** One part of a multipart body. */
export interface Part {
  readonly name: string
  readonly filename: string | undefined
  readonly contentType: string | undefined
  readonly data: Buffer
}

/** Splits a multipart body by its boundary; returns undefined when the body is not multipart. */
export function parseMultipart(body: Buffer, contentType: string | undefined): Part[] | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '')
  const b = boundary?.[1] ?? boundary?.[2]
  if (b === undefined) return undefined
  const delimiter = Buffer.from(`--${b}`)
  const parts: Part[] = []
  let start = body.indexOf(delimiter)
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length)
    if (next === -1) break
    const chunk = body.subarray(start + delimiter.length + 2, next - 2)
    const headerEnd = chunk.indexOf('\r\n\r\n')
    if (headerEnd !== -1) {
      const headers = chunk.subarray(0, headerEnd).toString('utf8')
      const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? ''
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1]
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim()
      parts.push({ name, filename, contentType: type, data: chunk.subarray(headerEnd + 4) })
    }
    start = next
  }
  return parts
}
