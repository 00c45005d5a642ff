import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/env";
import { isErrorCode } from "@/lib/graphql-errors";
import { isRole, type Role } from "@/lib/roles";
import { postToApi } from "./post-to-api";

const SIGN_IN = /* GraphQL */ `
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) { id email name role }
  }
`;

/** next-auth shows `message` on the sign-in page (it travels as the `error` of the redirect). */
class SignInError extends Error {
  override name = "SignInError";
}

/**
 * Credentials are checked by the API (`signIn`, rate-limited per email and address); next-auth then
 * issues its default encrypted JWT, whose `sub` is the kao user id the API decodes.
 * Built per request so `next build` needs no secret.
 */
export function authOptions(): AuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt" },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        authorize: async (credentials, req) => {
          const email = credentials?.email?.trim() ?? "";
          const password = credentials?.password ?? "";
          if (!email || !password) throw new SignInError("Enter your email and password.");
          const forwardedFor: unknown = req.headers?.["x-forwarded-for"];
          const user = await checkCredentials(email, password, typeof forwardedFor === "string" ? forwardedFor : undefined);
          return { id: user.id, email: user.email, name: user.name, role: user.role };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // `user` is set only at sign-in; later calls keep what the token already holds.
        if (user) token.role = user.role;
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.sub ?? "", email: token.email ?? "", name: token.name ?? null, role: token.role ?? "VIEWER" };
        return session;
      },
    },
  };
}

async function checkCredentials(email: string, password: string, forwardedFor: string | undefined) {
  try {
    const data = await postToApi<{ signIn: { id: string; email: string; name: string | null; role: Role } }>({
      query: SIGN_IN,
      variables: { email, password },
      headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {},
    });
    if (!isRole(data.signIn.role)) throw new SignInError("Your account has an unknown role; ask an admin.");
    return data.signIn;
  } catch (error) {
    if (error instanceof SignInError) throw error;
    // The API's messages for these are written for people: wrong password, deactivated, too many attempts.
    if (isErrorCode(error, "UNAUTHENTICATED", "RATE_LIMITED", "API_UNAVAILABLE")) throw new SignInError(error.message);
    console.error("sign-in failed unexpectedly", error);
    throw new SignInError("Sign-in failed. Try again in a moment.");
  }
}
