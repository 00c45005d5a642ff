import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id; the package exports it as a const enum, which isolated modules cannot read.

// OWASP's argon2id baseline (m = 19 MiB, t = 2, p = 1): ~20 ms per hash on these machines.
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 8;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash means the password cannot match; never let it throw to the caller.
    return false;
  }
}

/** A hash to verify against when the user does not exist, so unknown emails take as long as wrong passwords. */
let dummyHash: Promise<string> | undefined;
export function timingSafeDummyHash(): Promise<string> {
  dummyHash ??= hashPassword("kao-dummy-password-for-timing");
  return dummyHash;
}
