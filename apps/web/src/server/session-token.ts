import "server-only";
import { cookies } from "next/headers";

// next-auth's JWT cookie; the `__Secure-` name is used when NEXTAUTH_URL is https.
const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** The raw (encrypted) next-auth session JWT of this request, which the API accepts as a bearer token. */
export async function readSessionToken(): Promise<string | undefined> {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    const value = jar.get(name)?.value;
    if (value) return value;
  }
  return undefined;
}
