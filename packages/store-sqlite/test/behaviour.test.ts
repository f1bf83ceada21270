/** The shared store contract (`@gongkai/test-store-contract`), run against the memory reference and the SQLite store: both must answer alike. */
import { describeRandomRun, describeStoreContract, memoryKind } from '@gongkai/test-store-contract'
import { sqliteKind } from './stores.js'

describeStoreContract(memoryKind)
describeStoreContract(sqliteKind())
describeRandomRun(sqliteKind())
