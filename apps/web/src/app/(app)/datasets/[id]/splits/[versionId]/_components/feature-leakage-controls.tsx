"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { inputClass } from "@/components/field";
import { Spinner } from "@/components/spinner";
import { plural } from "@/lib/format";
import { DEFAULT_SIMILARITY, SIMILARITY_CHOICES, formatSimilarity, type BackboneChoice } from "./feature-leakage-data";

/**
 * Which backbone's vectors to compare and the least cosine similarity for a pair to count; both live in
 * the URL (`?backbone=`, `?similarity=`) next to the dHash report's `?distance=`, which they keep.
 */
export function FeatureLeakageControls({ backbones, backboneId, threshold }: { backbones: readonly BackboneChoice[]; backboneId: string; threshold: number }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const choices = SIMILARITY_CHOICES.some((choice) => choice === threshold) ? SIMILARITY_CHOICES : [...SIMILARITY_CHOICES, threshold].sort((a, b) => a - b);

  function choose(name: "backbone" | "similarity", value: string, fallback: string) {
    const params = new URLSearchParams(searchParams.toString());
    if (value === fallback) params.delete(name);
    else params.set(name, value);
    const query = params.toString();
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  }

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      {pending ? <Spinner className="size-3.5 text-slate-400" /> : null}
      <div className="flex items-center gap-2">
        <label htmlFor="feature-leakage-backbone" className="text-xs font-medium whitespace-nowrap text-slate-600">
          Backbone
        </label>
        <select
          id="feature-leakage-backbone"
          value={backboneId}
          onChange={(event) => choose("backbone", event.target.value, "")}
          className={`${inputClass} w-auto max-w-64 py-1.5 pr-8 text-xs`}
        >
          {backbones.map((backbone) => (
            <option key={backbone.id} value={backbone.id}>
              {backbone.name} ({plural(backbone.featureCoverage.vectors, "vector")})
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor="feature-leakage-similarity" className="text-xs font-medium whitespace-nowrap text-slate-600">
          Min similarity
        </label>
        <select
          id="feature-leakage-similarity"
          value={threshold}
          onChange={(event) => choose("similarity", event.target.value, String(DEFAULT_SIMILARITY))}
          className={`${inputClass} w-auto py-1.5 pr-8 text-xs`}
        >
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice === 1 ? "1 (same direction)" : `≥ ${formatSimilarity(choice)}${choice === DEFAULT_SIMILARITY ? " (default)" : ""}`}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
