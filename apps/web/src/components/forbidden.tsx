import Link from "next/link";
import { buttonClass } from "./button";
import { Card } from "./card";

/** What a signed-in user sees on a page their role does not allow. */
export function Forbidden({ what, title = "Admins only" }: { what: string; title?: string }) {
  return (
    <Card className="mx-auto max-w-lg px-6 py-12 text-center">
      <div data-testid="forbidden">
        <p className="text-sm font-semibold text-red-600">403</p>
        <h1 className="mt-2 text-xl font-bold tracking-tight">{title}</h1>
        <p className="mt-2 text-sm text-slate-600">{what} Ask an admin if you need this.</p>
        <Link href="/datasets" className={`${buttonClass("secondary")} mt-6`}>
          Back to datasets
        </Link>
      </div>
    </Card>
  );
}
