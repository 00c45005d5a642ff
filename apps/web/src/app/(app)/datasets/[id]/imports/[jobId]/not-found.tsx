import Link from "next/link";
import { buttonClass } from "@/components/button";
import { Card } from "@/components/card";

export default function ImportNotFound() {
  return (
    <Card className="mx-auto max-w-lg px-6 py-12 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-xl font-bold tracking-tight">Import not found</h1>
      <p className="mt-2 text-sm text-slate-600">It does not exist, or it belongs to a dataset you are not a member of.</p>
      <Link href="/datasets" className={`${buttonClass("secondary")} mt-6`}>
        Back to datasets
      </Link>
    </Card>
  );
}
