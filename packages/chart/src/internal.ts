/** What our channels share with this package beyond its API: the version of its code, for their render fingerprints. */
import { codeVersion } from '@gongkai/core/internal'

/** The hash of this package's built code: a channel that draws charts puts it in its fingerprint, so a change here renders again. */
export function chartCodeVersion(): string {
  return codeVersion(import.meta.url)
}
