/** The guard push calls: a project that delivered before is refused an emptied ledger, named as the operator would type it. */
import { rmSync, truncateSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadProject } from '@gongkai/core'
import { saveDelivered } from '@gongkai/hub'
import { guardLedger, noteLedger } from '../src/ledger-guard.js'
import { openStore } from '../src/project.js'
import { copyExample, fakeIo } from './support.js'

describe('guardLedger', () => {
  it('lets the first push through, remembers the ledger after it, and refuses the same ledger emptied to 0 bytes', async () => {
    const dir = copyExample()
    const io = fakeIo(dir)
    const project = await loadProject(dir)
    let store = await openStore(project, io)
    try {
      expect((await guardLedger(project, store, ['website'], io)).state).toBe('new')
      // What a website push records.
      const key = { publication: 'hjxx-001', revision: 'sha256:r1', channel: 'website' }
      await store.ledger.open(key)
      await store.ledger.setState(key, 'delivered', { release: { id: '0123456789abcdef', manifestHash: 'a'.repeat(64) } })
      await saveDelivered(dir, { channel: 'website', release: '0123456789abcdef', manifestHash: 'a'.repeat(64), target: join(dir, 'www'), deliveredAt: io.now().toISOString(), files: [] })
      await noteLedger(project, store, io)
      expect((await guardLedger(project, store, ['website'], io)).state).toBe('known')
    } finally {
      await store.close()
    }
    truncateSync(join(dir, '.gongkai', 'ledger.sqlite'), 0)
    rmSync(join(dir, '.gongkai', 'ledger.sqlite-wal'), { force: true })
    store = await openStore(project, io)
    try {
      await expect(guardLedger(project, store, ['website'], io)).rejects.toMatchObject({
        code: 'ledger/empty',
        message: '台账文件 .gongkai/ledger.sqlite 是空的，但本项目此前已向政府网站投递过：台账可能被清空或删除后重建了。为免重复发布，没有推送任何内容。',
      })
    } finally {
      await store.close()
    }
  })
})
