import { decode } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/env";

// next-auth's JWT cookie; the `__Secure-` name is used when NEXTAUTH_URL is https.
const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * Pages need a session; without a valid one, go to /signin and come back after. This is for people only:
 * the API checks every request itself, so a forged or stale cookie gets no data either way.
 */
export async function proxy(request: NextRequest) {
  if (await hasSession(request)) return NextResponse.next();
  const signIn = new URL("/signin", request.url);
  const back = request.nextUrl.pathname + request.nextUrl.search;
  if (back !== "/") signIn.searchParams.set("callbackUrl", back);
  return NextResponse.redirect(signIn);
}

async function hasSession(request: NextRequest): Promise<boolean> {
  const token = SESSION_COOKIE_NAMES.map((name) => request.cookies.get(name)?.value).find(Boolean);
  if (!token) return false;
  try {
    const payload = await decode({ token, secret: env().NEXTAUTH_SECRET });
    return typeof payload?.sub === "string";
  } catch (error) {
    // Expired, tampered or signed with another secret: the same as no session.
    console.warn("ignoring an unreadable session cookie", error instanceof Error ? error.message : error);
    return false;
  }
}

// Next 16's proxy (formerly middleware) runs on Node.js, so the secret is read from the real environment at run time.
export const config = {
  // Everything but sign-in itself, next-auth's routes, static files and the proxies to the API, which
  // authenticates them itself (401 without a session cookie or API token). `/uploads` and `/predict` in particular must stay out:
  // Next.js copies the body of every request the proxy runs on, and cuts it off past 10 MB.
  matcher: ["/((?!signin|api/auth|graphql|uploads|predict|frames/|exports/|_next/static|_next/image|favicon\\.ico|icon\\.svg).*)"],
};
