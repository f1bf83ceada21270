/**
 * What the console hands the route files of its later pages (push, schedules, print): the
 * project, the store, the clock, rendering and the checks every action goes through, so each
 * file registers its routes without reaching into the app's closure.
 */
import type { AuditOutcome, ConsoleRole, Diagnostic, Project, Store } from '@gongkai/core'
import type { Context } from 'hono'
import type { Session } from './auth.js'
import type { ConsoleUser } from '@gongkai/core'
import type { PageName } from './templates.js'

/** Hono's environment of a signed-in request. */
export type Env = { Variables: { session: Session; user: ConsoleUser; token: string } }

/** The console's services, as route files use them. */
export interface RouteKit {
  readonly dir: string
  readonly store: Store
  readonly now: () => Date
  readonly env: Readonly<Record<string, string | undefined>>
  project(): Promise<Project>
  render(c: Context<Env>, name: PageName, data: Record<string, unknown>, status?: number): Promise<Response>
  message(c: Context<Env>, status: number, title: string, text: string, hint?: string, problems?: readonly Diagnostic[]): Promise<Response>
  /** The form's CSRF token and origin, checked (a refusal is audited and answered 403). */
  checkForm(c: Context<Env>, action: string, subject?: string): Promise<{ form: Record<string, unknown> } | Response>
  refuseRole(c: Context<Env>, role: ConsoleRole, action: string, subject?: string): Promise<Response>
  audit(actor: string, action: string, outcome: AuditOutcome, subject?: string, detail?: string): Promise<unknown>
}
