/**
 * Passwords are kept only as scrypt hashes (node:crypto), each with its own random salt, in the
 * form `scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking older entries.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import type { ScryptOptions } from 'node:crypto'

/** 2^15 × r 8: about 32 MB and 0.1 s a check on an office PC, which makes guessing a stolen hash slow. */
const COST = { N: 32768, r: 8, p: 1 } as const
const KEY_LENGTH = 32
const SALT_LENGTH = 16
/** The shortest password `gongkai user add` accepts. */
export const MIN_PASSWORD_LENGTH = 8

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  // maxmem above 128 × N × r, or node refuses the parameters themselves.
  return new Promise((ok, fail) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: 256 * (options.N ?? 1) * (options.r ?? 1) }, (e, key) => (e === null ? ok(key) : fail(e))))
}

/** The stored form of `password`: `scrypt$N$r$p$salt$hash` (base64), with a fresh salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH)
  const key = await derive(password, salt, COST)
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`
}

/** A stored hash to spend the same time on when the user does not exist, so timing tells no user names. */
const DUMMY = `scrypt$${COST.N}$${COST.r}$${COST.p}$${Buffer.alloc(SALT_LENGTH).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`

/** Whether `password` matches `stored` (compared in constant time); a malformed or absent `stored` never matches. */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const parts = (stored ?? DUMMY).split('$')
  const [scheme, n, r, p, salt, hash] = parts
  if (parts.length !== 6 || scheme !== 'scrypt' || salt === undefined || hash === undefined) return false
  const expected = Buffer.from(hash, 'base64')
  if (expected.length === 0) return false
  let key: Buffer
  try {
    key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) })
  } catch {
    return false
  }
  const same = key.length === expected.length && timingSafeEqual(key, expected)
  return stored !== undefined && same
}
