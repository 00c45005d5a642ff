import NextAuth from "next-auth";
import { authOptions } from "@/server/auth-options";

type Context = { params: Promise<{ nextauth: string[] }> };
type RouteHandler = (request: Request, context: Context) => Promise<Response>;

// The options are built per request, so the secret is read at run time and `next build` needs none.
// (The one-argument form also sidesteps next-auth's types, which name a second copy of `next`.)
function handler(request: Request, context: Context): Promise<Response> {
  const nextAuth: RouteHandler = NextAuth(authOptions());
  return nextAuth(request, context);
}

export { handler as GET, handler as POST };
