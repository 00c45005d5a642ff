import type { Role } from "@/lib/roles";

// Role, email and name ride in the session JWT for display only; the API re-reads the user on every request.
declare module "next-auth" {
  interface User {
    role: Role;
  }
  interface Session {
    user: { id: string; email: string; name: string | null; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
  }
}
