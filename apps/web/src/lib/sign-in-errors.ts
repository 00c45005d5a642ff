/**
 * Messages for the `error` next-auth puts in the sign-in URL. Only known codes are shown as they are;
 * anything else in the URL is not trusted as text (it could be a crafted link).
 */
const MESSAGES: Record<string, string> = {
  SessionRequired: "Your session has ended. Sign in again.",
  CredentialsSignin: "Wrong email or password.",
  AccessDenied: "You may not sign in.",
};

export function signInErrorFromUrl(code: string | null | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? "Sign-in failed. Try again.";
}
