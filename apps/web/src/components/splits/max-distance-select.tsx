"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { inputClass } from "@/components/field";
import { Spinner } from "@/components/spinner";
import { DEFAULT_LEAKAGE_DISTANCE, MAX_LEAKAGE_DISTANCE } from "./split-data";

const CHOICES = Array.from({ length: MAX_LEAKAGE_DISTANCE + 1 }, (_, bits) => bits);

/** How many of the 64 dHash bits two frames may differ in to count as near-duplicates; it lives in the URL (`?distance=`). */
export function MaxDistanceSelect({ value }: { value: number }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();

  function choose(bits: number) {
    // Other parameters (the feature report's backbone and threshold) stay; the default keeps a clean URL.
    const params = new URLSearchParams(searchParams.toString());
    if (bits === DEFAULT_LEAKAGE_DISTANCE) params.delete("distance");
    else params.set("distance", String(bits));
    const query = params.toString();
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  }

  return (
    <div className="flex items-center gap-2">
      {pending ? <Spinner className="size-3.5 text-slate-400" /> : null}
      <label htmlFor="leakage-distance" className="text-xs font-medium whitespace-nowrap text-slate-600">
        Max distance
      </label>
      <select id="leakage-distance" value={value} onChange={(event) => choose(Number(event.target.value))} className={`${inputClass} w-auto py-1.5 pr-8 text-xs`}>
        {CHOICES.map((bits) => (
          <option key={bits} value={bits}>
            {bits === 0 ? "0 bits (identical hash)" : `≤ ${bits} bits${bits === DEFAULT_LEAKAGE_DISTANCE ? " (scenes)" : ""}`}
          </option>
        ))}
      </select>
    </div>
  );
}
