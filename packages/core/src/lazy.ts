/**
 * A CommonJS dependency loaded on first use. A build with nothing to render (or a push) never
 * pays for libvips, pdfkit or fontkit: together they were about half a second of every start.
 */
import { createRequire } from 'node:module'

/** A loader for `name` as resolved from the module at `from` (pass `import.meta.url`): required once, on the first call. */
export function lazyRequire<T>(from: string, name: string): () => T {
  let value: T | undefined
  return () => (value ??= createRequire(from)(name) as T)
}
