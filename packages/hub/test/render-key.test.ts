/**
 * renderKey: a publication that links to nothing has its context part made once, and that part is
 * exactly what the general path gives (so caches written before stay hits); anything linked or
 * dated changes the key.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { CatalogItem, Publication } from '@gongkai/core'
import { Catalog, createDisclosures } from '@gongkai/core'
import { redirectIndex, renderKey } from '../src/render-cache.js'

const item: CatalogItem = {
  code: 'WEB',
  name: 'WEB',
  category: '政府信息',
  basis: [],
  content: '',
  owner: '办公室',
  timeLimit: { kind: 'realtime', text: '实时' },
  channels: ['website'],
  audience: 'public',
  mode: 'proactive',
  level: ['county'],
}
const pub = (id: string, extra: Partial<Publication> = {}): Publication => ({
  id,
  item: 'WEB',
  title: `标题${id}`,
  kind: 'release',
  stage: 'result',
  formed: '2026-03-02',
  review: { by: '王建国', on: '2026-03-03' },
  attachments: [],
  tags: [],
  body: `正文${id}。`,
  source: { file: `publications/${id}.md`, bodyLine: 9, fields: {} },
  ...extra,
})
const day = { now: new Date('2026-03-10T00:00:00Z'), timezone: 'Asia/Shanghai' }
const make = (pubs: Publication[]) => createDisclosures(new Catalog([item]), pubs, { orgCode: '000000001' }).disclosures

describe('renderKey', () => {
  it('keys a publication that links to nothing as the sorted JSON of its empty context, as before', () => {
    const [d] = make([pub('a')])
    if (d === undefined) throw new Error('no disclosure')
    const listed = new Set(['a'])
    const context = JSON.stringify([null, [], [], { correctionsNow: 0, validityNow: null, withdrawnNow: false }, null, []])
    const expected = createHash('sha256').update('base').update('\n').update(d.revision).update('\n').update(d.indexNo).update('\n').update(context).digest('hex')
    expect(renderKey('base', d, listed, day, redirectIndex([d]))).toBe(expected)
    expect(renderKey('base', d, listed, day)).toBe(expected)
  })

  it('changes when the publication is linked, withdrawn on the day, or redirected into', () => {
    const alone = make([pub('r')])[0]
    const linked = make([pub('r'), pub('i', { kind: 'interpretation', of: 'r' })])
    const withdrawn = make([pub('r', { withdrawn: { on: '2026-03-05', reason: '已废止', mode: 'notice' } })])[0]
    const redirected = make([pub('r'), pub('old', { withdrawn: { on: '2026-03-05', reason: '已更新', mode: 'redirect', to: 'r' } })])
    if (alone === undefined || withdrawn === undefined || linked[0] === undefined || redirected[0] === undefined) throw new Error('no disclosure')
    const key = (d: typeof alone, list: typeof linked) => renderKey('base', d, new Set(list.map((x) => x.publication.id)), day, redirectIndex(list))
    const keys = [key(alone, [alone]), key(linked[0], linked), key(withdrawn, [withdrawn]), key(redirected[0], redirected)]
    expect(new Set(keys).size).toBe(4)
  })
})
