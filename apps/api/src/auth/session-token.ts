import { decode } from "next-auth/jwt";
import { isId } from "../ids.ts";

/** Cookie names next-auth uses for its session JWT (the secure one behind HTTPS). */
export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** Decrypts a next-auth session token with the shared secret; null when it is invalid or expired. */
export async function decodeSessionToken(token: string, secret: string): Promise<{ userId: string } | null> {
  try {
    const payload = await decode({ token, secret });
    // kao's sessions carry the user's id; anything else would only fail later as a database cast error.
    if (!payload || typeof payload.sub !== "string" || !isId(payload.sub)) return null;
    if (typeof payload.exp === "number" && payload.exp * 1000 < Date.now()) return null;
    return { userId: payload.sub };
  } catch {
    // Tampered, wrongly encrypted or malformed tokens are simply not sessions.
    return null;
  }
}

export function readCookie(header: string | undefined, names: readonly string[]): string | undefined {
  if (!header) return undefined;
  const cookies = new Map<string, string>();
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    cookies.set(part.slice(0, index).trim(), tryDecode(part.slice(index + 1).trim()));
  }
  for (const name of names) {
    const value = cookies.get(name);
    if (value) return value;
  }
  return undefined;
}

// Cookies of other apps on the same host may hold anything; a malformed one must not fail the request.
function tryDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
