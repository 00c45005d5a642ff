import { createUser, type ServiceContext } from "@kao/api";

/**
 * Makes sure kao can be administered: when no active admin exists, creates one from KAO_ADMIN_EMAIL /
 * KAO_ADMIN_PASSWORD (or admin@kao.local with a generated password, printed this once).
 */
export async function ensureFirstAdmin(ctx: ServiceContext, options: { email?: string; password?: string }) {
  const admins = await ctx.db.user.count({ where: { role: "ADMIN", deactivatedAt: null } });
  if (admins > 0) return null;
  const email = options.email ?? "admin@kao.local";
  const existing = await ctx.db.user.findUnique({ where: { email } });
  if (existing) {
    throw new Error(`kao has no active admin, and ${email} exists with role ${existing.role}. Run: npm run kao -- user create --email <another email> --role ADMIN`);
  }
  const { user, generatedPassword } = await createUser(ctx, { email, role: "ADMIN", name: "Admin", password: options.password });
  return { email: user.email, password: generatedPassword };
}
