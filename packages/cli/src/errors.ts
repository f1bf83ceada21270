/** Errors of the command line: a usage error exits 2, a content error exits 1. */
import { GongkaiError } from '@gongkai/core'

/** The command was called wrongly (unknown flag, missing argument): exit 2. */
export class UsageError extends GongkaiError {
  constructor(message: string, hint?: string) {
    super('cli/usage', message, hint === undefined ? {} : { hint })
    this.name = 'UsageError'
  }
}

/** Exit codes: 0 ok, 1 content errors, 2 usage. */
export const EXIT = { ok: 0, content: 1, usage: 2 } as const
