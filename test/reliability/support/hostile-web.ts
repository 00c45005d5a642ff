/** A browser's side of next-auth's credentials sign-in, over plain HTTP, with the cookies it would keep. */
export interface WebSignIn {
  /** The error next-auth relays (the API's message), or null when signed in. */
  error: string | null;
  /** `next-auth.session-token=…` when signed in. */
  sessionCookie: string | null;
  /** The Set-Cookie line of the session cookie, for its attributes. */
  sessionSetCookie: string | null;
}

const cookiePair = (setCookie: string) => setCookie.split(";")[0] ?? "";

/** GET /api/auth/csrf: the token and the cookie it is checked against (next-auth's double submit). */
export async function csrfToken(web: string) {
  const response = await fetch(`${web}/api/auth/csrf`);
  const { csrfToken: token } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers.getSetCookie().map(cookiePair).filter((pair) => pair.startsWith("next-auth.csrf-token=")).join("; ");
  return { token, cookie };
}

/** Signs in as next-auth/react's `signIn("credentials", { redirect: false })` does. */
export async function webSignIn(web: string, email: string, password: string, headers: Record<string, string> = {}): Promise<WebSignIn> {
  const csrf = await csrfToken(web);
  const response = await fetch(`${web}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.cookie, origin: web, ...headers },
    body: new URLSearchParams({ email, password, csrfToken: csrf.token, callbackUrl: `${web}/datasets`, json: "true" }),
  });
  return readSignIn(web, response);
}

export async function readSignIn(web: string, response: Response): Promise<WebSignIn> {
  const sessionSetCookie = response.headers.getSetCookie().find((line) => line.startsWith("next-auth.session-token=")) ?? null;
  const location = response.headers.get("location") ?? ((await response.json().catch(() => ({}))) as { url?: string }).url ?? "";
  const error = new URL(location, web).searchParams.get("error");
  return { error, sessionCookie: sessionSetCookie ? cookiePair(sessionSetCookie) : null, sessionSetCookie };
}
