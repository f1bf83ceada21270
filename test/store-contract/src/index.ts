export { describeRandomRun, describeStoreContract } from './contract.js'
export { createClock, memoryKind } from './kinds.js'
export type { Clock, StoreKind } from './kinds.js'
