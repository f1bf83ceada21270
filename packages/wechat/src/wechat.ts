/** `wechat(options)`: the WeChat official-account channel. */
import type { Artifact, Channel, DeliverContext, DeliveryResult, Diagnostic, Disclosure, Ledger, Receipt, RenderContext, DeliveryUnit, TakeDownUnit } from '@gongkai/core'
import { deliverWechat } from './deliver.js'
import type { ResolvedWechatOptions, WechatOptions } from './options.js'
import { resolveWechatOptions } from './options.js'
import type { PlannedDelivery } from './plan.js'
import { planWechat } from './plan.js'
import { codeVersion } from '@gongkai/core/internal'
import { chartCodeVersion } from '@gongkai/chart/internal'
import { fontsFingerprint } from '@gongkai/fonts/internal'
import { WECHAT_LIMITS, preflightWechat } from './preflight.js'
import { renderWechat } from './render/render.js'
import { WECHAT_RATE_LIMITS } from './api/rate.js'
import type { WithdrawContext, WithdrawResult } from './withdraw.js'
import { takeDownWechat, withdrawArticle } from './withdraw.js'
import type { RecoveredDelivery } from './recover.js'
import { recoverWechatLedger } from './recover.js'
import type { DeliveryKey } from '@gongkai/core'

// Where lines break is @gongkai/typeset's code: its version is part of what this channel renders,
// so that a change there reaches the render cache too.
const TYPESET = import.meta.resolve('@gongkai/typeset')

/** The WeChat channel: a Channel plus the dry-run plan. */
export interface WechatChannel extends Channel {
  readonly id: 'wechat'
  readonly options: ResolvedWechatOptions
  preflight(d: Disclosure, ctx: RenderContext): Promise<Diagnostic[]>
  render(d: Disclosure, ctx: RenderContext): Promise<Artifact[]>
  deliver(units: readonly DeliveryUnit[], ctx: DeliverContext): Promise<Receipt>
  /** What a push would do with each (due) disclosure, from the ledger alone: for `--dry-run`. */
  plan(disclosures: readonly Disclosure[], ledger: Ledger): Promise<PlannedDelivery[]>
  /** Calls per minute per platform API that delivery keeps within, whatever its concurrency. */
  readonly rateLimits: Readonly<Record<string, number>>
  /** Takes a delivered article down from the account (`freepublish/delete`, then `draft/delete`); idempotent, recorded. */
  withdraw(key: Omit<DeliveryKey, 'channel'>, ctx: WithdrawContext, reason?: string): Promise<WithdrawResult>
  /** On push: every article of each withdrawn publication is deleted from the account (`takeDownWechat`). */
  takeDown(units: readonly TakeDownUnit[], ctx: DeliverContext): Promise<DeliveryResult[]>
  /** After the ledger was lost: rebuilds the records of `keys` from the platform's lists (`recoverWechatLedger`); sends nothing. */
  recover(keys: readonly DeliveryKey[], ctx: DeliverContext): Promise<RecoveredDelivery[]>
}

/** Builds the WeChat channel; bad options throw OptionsError at once, naming the option. */
export function wechat(options: WechatOptions = {}): WechatChannel {
  const resolved = resolveWechatOptions(options)
  return {
    id: 'wechat',
    limits: WECHAT_LIMITS,
    // The cover is drawn with the fonts; the account's credentials and API address shape nothing rendered.
    fingerprint: JSON.stringify([
      codeVersion(import.meta.url),
      codeVersion(TYPESET),
      chartCodeVersion(),
      fontsFingerprint(),
      { ...resolved, appId: undefined, secretEnv: undefined, apiBase: undefined },
    ]),
    options: resolved,
    preflight: (d, ctx) => preflightWechat(d, ctx, resolved),
    render: (d, ctx) => renderWechat(d, ctx, resolved),
    deliver: (units, ctx) => deliverWechat(units, ctx, resolved),
    plan: (disclosures, ledger) => planWechat(disclosures, ledger),
    rateLimits: WECHAT_RATE_LIMITS,
    withdraw: (key, ctx, reason) => withdrawArticle(key, ctx, resolved, reason),
    takeDown: (units, ctx) => takeDownWechat(units, ctx, resolved),
    recover: (keys, ctx) => recoverWechatLedger(keys, ctx, resolved),
  }
}
