/** Where to go after sign-in: a same-origin path only, never another site (`//evil`, `https://…`). */
export function safeCallbackUrl(value: string | null | undefined, fallback = "/datasets"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (value.startsWith("/signin") || value.startsWith("/api/auth")) return fallback;
  return value;
}
