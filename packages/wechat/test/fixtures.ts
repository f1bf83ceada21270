/** Shared test setup: the example project, in-memory disclosures, a deliver context. */
import { fileURLToPath } from 'node:url'
import type { Artifact, CatalogItem, DeliverContext, DeliveryEvent, DeliveryUnit, Disclosure, Publication, Store } from '@gongkai/core'
import { Catalog, createDisclosure, createIndexNumbering, createMemoryStore as createCoreMemoryStore, createRenderContext, defineConfig, loadProject } from '@gongkai/core'
import type { Project } from '@gongkai/core'

export const EXAMPLE_DIR = fileURLToPath(new URL('../../../examples/county-bureau', import.meta.url))

let project: Promise<Project> | undefined
/** The example project, loaded once per test file. */
export function example(): Promise<Project> {
  project ??= loadProject(EXAMPLE_DIR, { workers: false })
  return project
}

export const ITEM: CatalogItem = {
  code: 'HB-TEST-001',
  name: '测试事项',
  category: '政府信息',
  basis: ['《中华人民共和国政府信息公开条例》'],
  content: '测试',
  owner: '办公室',
  timeLimit: { kind: 'working-days', days: 20, from: 'formed', text: '20个工作日内' },
  channels: ['website', 'wechat'],
  audience: 'public',
  mode: 'proactive',
  level: ['county'],
}

export const CONFIG = defineConfig({ body: { name: '青川县生态环境局', orgCode: '008672531' }, site: { title: '青川县生态环境局政府信息公开', baseUrl: 'https://www.example.gov.cn/gk/' } })

const serial = createIndexNumbering()

/** A disclosure held in memory. */
export function disclosure(id: string, body: string, extra: Partial<Publication> = {}): Disclosure {
  return createDisclosure(
    ITEM,
    {
      id,
      item: ITEM.code,
      title: `测试公告${id}`,
      kind: 'release',
      stage: 'result',
      formed: '2026-11-20',
      review: { by: '王建国', on: '2026-11-21' },
      body,
      ...extra,
    },
    { orgCode: CONFIG.body.orgCode, serial },
  ).disclosure
}

/** A render context for in-memory disclosures. */
export function renderContext(all: readonly Disclosure[]) {
  return createRenderContext({ config: CONFIG, catalog: new Catalog([ITEM]), all, now: new Date('2026-11-26T00:00:00Z') })
}

/** A deliver context on a store, collecting log lines. */
export function deliverContext(store: Store, env: Record<string, string>): DeliverContext & { events: DeliveryEvent[] } {
  const events: DeliveryEvent[] = []
  return { config: CONFIG, ledger: store.ledger, kv: store.kv, assembled: [], env, now: () => new Date(NOW), log: (e) => void events.push(e), events }
}

/** The instant delivery tests run at: the context's clock and the store's are the same one. */
export const NOW = '2026-11-30T02:00:00Z'

/** A memory store on the fixture's clock (a cached token expires by the same clock that stored it). */
export function createMemoryStore(): ReturnType<typeof createCoreMemoryStore> {
  return createCoreMemoryStore(() => new Date(NOW))
}

/** Text of an artifact. */
export function textOf(a: Artifact | undefined): string {
  if (a === undefined) throw new Error('no such artifact')
  return typeof a.data === 'string' ? a.data : Buffer.from(a.data).toString('utf8')
}

/** Units ready for deliver. */
export async function unitsOf(ds: readonly Disclosure[], render: (d: Disclosure) => Promise<Artifact[]>): Promise<DeliveryUnit[]> {
  return Promise.all(ds.map(async (d) => ({ disclosure: d, artifacts: await render(d) })))
}
