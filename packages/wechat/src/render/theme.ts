/**
 * The sober government theme, as inline style strings (the WeChat editor drops `<style>`,
 * classes and ids). Children inherit font, colour and spacing from the root section, so each
 * element carries only what differs: the article stays far under the 20,000-character limit.
 */

/** Deep red of official headings and rules; navy for links and numbers. */
export const COLORS = { text: '#333333', muted: '#888888', accent: '#9e1b1b', navy: '#1f3a68', rule: '#d9d9d9', tint: '#f7f7f7', head: '#f2f4f7' } as const

/** Inline styles by element role. */
export const STYLE = {
  root: `font-size:16px;color:${COLORS.text};line-height:1.75;letter-spacing:0.5px;word-break:break-word;text-align:justify;`,
  meta: `margin:0 0 20px;padding:8px 12px;background:${COLORS.tint};border-left:3px solid ${COLORS.accent};font-size:14px;color:#555555;line-height:1.8;`,
  p: 'margin:0 0 16px;',
  // Label-and-value lines: left, and a long value (a credit code) breaks where it must instead of leaving its label alone on a spread-out line.
  fields: 'margin:0 0 16px;text-align:left;word-break:break-all;',
  h1: `margin:28px 0 16px;font-size:20px;font-weight:bold;color:${COLORS.accent};text-align:center;`,
  h2: `margin:28px 0 14px;padding-left:10px;border-left:4px solid ${COLORS.accent};font-size:18px;font-weight:bold;color:${COLORS.accent};line-height:1.5;`,
  h3: `margin:22px 0 12px;font-size:17px;font-weight:bold;color:${COLORS.navy};`,
  h4: 'margin:18px 0 10px;font-size:16px;font-weight:bold;',
  // List items set left: an item's line before an amount or an address that cannot break (`（¥189,000.00）`) is short, and justified it is letter-spaced (`计 人 民 币 … 元 整`). Chinese set left stays all but flush, a character being a break.
  li: 'margin:0 0 8px;text-align:left;',
  marker: `color:${COLORS.accent};`,
  quote: `margin:0 0 16px;padding:10px 14px;background:${COLORS.tint};border-left:3px solid ${COLORS.rule};color:#555555;font-size:15px;`,
  tableWrap: 'margin:0 0 16px;overflow-x:auto;',
  table: 'border-collapse:collapse;min-width:100%;font-size:14px;line-height:1.6;text-align:left;',
  th: `padding:6px 8px;border:1px solid ${COLORS.rule};background:${COLORS.head};font-weight:bold;white-space:nowrap;`,
  td: `padding:6px 8px;border:1px solid ${COLORS.rule};`,
  // Compact cells lean on the table's cellpadding attribute: a lost attribute only costs padding.
  thCompact: 'border:1px solid #ddd;background:#f2f4f7',
  tdCompact: 'border:1px solid #ddd',
  pre: `margin:0 0 16px;padding:10px 12px;background:${COLORS.tint};overflow-x:auto;font-size:13px;line-height:1.6;white-space:pre;font-family:Menlo,Consolas,monospace;`,
  code: `padding:1px 4px;background:${COLORS.tint};font-size:14px;font-family:Menlo,Consolas,monospace;`,
  hr: `margin:24px 0;border:0;border-top:1px solid ${COLORS.rule};`,
  figure: 'margin:0 0 16px;text-align:center;',
  img: 'display:block;max-width:100%;height:auto;margin:0 auto;',
  caption: `margin:6px 0 0;font-size:13px;color:${COLORS.muted};text-align:center;`,
  sup: `font-size:12px;color:${COLORS.navy};`,
  a: `color:${COLORS.navy};text-decoration:underline;`,
  ref: `color:${COLORS.navy};`,
  sectionTitle: `margin:28px 0 10px;padding-top:12px;border-top:1px solid ${COLORS.rule};font-size:15px;font-weight:bold;color:${COLORS.muted};`,
  note: `margin:0 0 6px;font-size:13px;color:${COLORS.muted};line-height:1.6;word-break:break-all;`,
  end: `margin:24px 0 0;font-size:14px;color:${COLORS.muted};text-align:right;`,
  // The body's own signature (GB/T 9704 7.3.5): the date four characters from the right, the issuing body centred over it.
  signature: 'margin:24px 4em 16px 0;text-align:right;',
  signatureLines: 'display:inline-block;text-align:center;',
} as const
