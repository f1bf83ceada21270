/** The shared store contract, unchanged, against PostgreSQL: the same suite store-sqlite passes. */
import { afterAll, beforeAll, describe } from 'vitest'
import { describeRandomRun, describeStoreContract } from '@gongkai/test-store-contract'
import { clusterAvailable, startCluster } from './cluster.js'
import type { Cluster } from './cluster.js'
import { postgresKind } from './kind.js'

const available = clusterAvailable()
let cluster: Cluster | undefined

describe.runIf(available)('PostgreSQL', () => {
  beforeAll(async () => {
    cluster = await startCluster()
    cluster.psql('CREATE DATABASE contract')
  })
  afterAll(async () => cluster?.stop())

  const kind = postgresKind(() => cluster?.url('contract') ?? '')
  describeStoreContract(kind)
  describeRandomRun(kind)
})
