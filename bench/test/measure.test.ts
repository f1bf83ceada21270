import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { best, figures, hasGnuTime, measure, median } from '../src/measure.js'

const scratch = mkdtempSync(join(tmpdir(), 'bench-measure-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

// Touches 300 MB so that it is resident, then exits with 3 after saying something on each stream.
const HOG =
  "const b = Buffer.alloc(300 * 1024 * 1024, 1); let s = 0; for (let i = 0; i < b.length; i += 4096) s += b[i]; process.stdout.write('out ' + s); process.stderr.write('err'); process.exitCode = 3"
const SMALL = "process.stdout.write('ok')"

describe('measure', () => {
  it('reads peak memory from a preload in a Node child, with its exit status and output', () => {
    const hog = measure({ file: process.execPath, node: true, args: ['-e', HOG] }, scratch, 'node-preload')
    expect(hog.status).toBe(3)
    expect(hog.stdout).toBe(`out ${300 * 256}`)
    expect(hog.stderr).toBe('err')
    expect(hog.maxRssMb).toBeGreaterThan(300)
    expect(hog.cpuS).toBeGreaterThan(0)
    expect(hog.ms).toBeGreaterThan(0)
    const small = measure({ file: process.execPath, node: true, args: ['-e', SMALL] }, scratch, 'node-preload')
    expect(small.maxRssMb).toBeLessThan(200)
  })

  it('has no memory figure for a non-Node command without GNU time', () => {
    const r = measure({ file: 'sh', args: ['-c', 'echo hi'] }, scratch, 'node-preload')
    expect(r.stdout).toBe('hi\n')
    expect(r.maxRssMb).toBeUndefined()
    expect(r.cpuS).toBeUndefined()
  })

  // Skipped only outside CI, where GNU time may not be installed; .ci/run installs it.
  it.skipIf(!hasGnuTime() && process.env['CI'] !== 'true')('reads peak memory from GNU time, for a command that fails too', () => {
    const hog = measure({ file: process.execPath, args: ['-e', HOG] }, scratch, 'gnu-time')
    expect(hog.status).toBe(3)
    expect(hog.stdout).toBe(`out ${300 * 256}`)
    expect(hog.maxRssMb).toBeGreaterThan(300)
    expect(hog.cpuS).toBeGreaterThan(0)
    const small = measure({ file: 'sh', args: ['-c', 'true'] }, scratch, 'gnu-time')
    expect(small.status).toBe(0)
    expect(small.maxRssMb).toBeLessThan(50)
  })

  it('takes the figures below GNU time’s failure line', () => {
    expect(figures('Command exited with non-zero status 3\n312456 1.50 0.25\n')).toEqual({ kb: 312456, cpuS: 1.75 })
    expect(figures('Command terminated by signal 9\n')).toBeUndefined()
  })
})

describe('best and median', () => {
  it('are the smallest and the middle figure', () => {
    expect(best([3, 1, 2])).toBe(1)
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })
})
