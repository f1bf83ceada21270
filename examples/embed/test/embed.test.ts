import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { renderExample } from '../src/embed.js'

describe('examples/embed', () => {
  it('renders one in-memory publication to every channel', async () => {
    const artifacts = await renderExample()
    const channels = new Set(artifacts.map((a) => a.channel))
    expect([...channels].sort()).toEqual(['kiosk', 'noticeboard', 'website', 'wechat'])
    const page = artifacts.find((a) => a.channel === 'website' && a.path === 'p/2026-xzcf-101.html')
    const html = typeof page?.data === 'string' ? page.data : Buffer.from(page?.data ?? []).toString('utf8')
    expect(html).toContain('青环罚〔2026〕101号')
    // The serial comes from the example's numbering, which starts after the 100 already used.
    expect(html).toContain('008672531/2026-00101')
    const pdf = artifacts.find((a) => a.channel === 'noticeboard')
    expect(pdf?.mediaType).toBe('application/pdf')
    expect(
      Buffer.from(pdf!.data as Uint8Array)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')
    const slide = artifacts.find((a) => a.channel === 'kiosk' && a.mediaType === 'image/png')
    expect(
      Buffer.from(slide!.data as Uint8Array)
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG')
  })

  it('runs as the program shown in the README', () => {
    const script = fileURLToPath(new URL('../dist/embed.js', import.meta.url))
    const out = execFileSync(process.execPath, [script], { encoding: 'utf8' })
    expect(out).toMatch(/website\s+p\/2026-xzcf-101\.html/)
    expect(out).toMatch(/noticeboard\s+2026-xzcf-101\.pdf\s+application\/pdf/)
  })
})
