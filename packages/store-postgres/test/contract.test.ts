/** The shared store contract, unchanged, against PostgreSQL: the same suite store-sqlite passes. */
import { afterAll, beforeAll, describe } from 'vitest'
import { clusterAvailable, describeRandomRun, describeStoreContract, startCluster } from '@gongkai/test-store-contract'
import type { Cluster } from '@gongkai/test-store-contract'
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
