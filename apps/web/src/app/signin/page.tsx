import type { Metadata } from "next";
import { Logo } from "@/components/logo";
import { safeCallbackUrl } from "@/lib/safe-callback-url";
import { signInErrorFromUrl } from "@/lib/sign-in-errors";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <Logo className="text-xl" />
          <h1 className="mt-6 text-2xl font-bold tracking-tight">Sign in to kao</h1>
          <p className="mt-1 text-sm text-slate-500">Label anime frames as face or no face.</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
          <SignInForm callbackUrl={safeCallbackUrl(first(params["callbackUrl"]))} initialError={signInErrorFromUrl(first(params["error"]))} />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500">No account? Ask an admin of your kao to invite you.</p>
      </div>
    </main>
  );
}
