import { createHash, randomBytes } from "node:crypto";

/** API tokens look like `kao_<43 base64url chars>` (256 random bits); only their sha256 is stored. */
export const API_TOKEN_PREFIX = "kao_";

export function generateApiToken() {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, tokenHash: hashApiToken(token), prefix: token.slice(0, API_TOKEN_PREFIX.length + 6) };
}

// A fast hash is right here: the token has 256 bits of entropy, so there is nothing to brute-force.
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
