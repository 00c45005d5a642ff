import { buttonClass } from "@/components/button";

const FORMATS = [
  { key: "csv", label: "CSV", title: "One frame per line: sha256, label, split, title, scene, video, timestamp" },
  { key: "jsonl", label: "JSON Lines", title: "One JSON object per frame" },
  { key: "zip", label: "Zip", title: "ImageNet-style folders split/label/<sha256>.jpg with labels.csv" },
] as const;

/**
 * Downloads of a version's labels (ADMIN and REVIEWER; the API refuses others). The API's paths are
 * the web app's too: /exports/… is proxied with the session cookie, so a plain link downloads.
 */
export function ExportLinks({ urls, versionName }: { urls: { csv: string; jsonl: string; zip: string }; versionName: string }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5" data-testid="export-links">
      <span className="text-xs font-medium text-slate-500">Export</span>
      {FORMATS.map((format) => (
        <a
          key={format.key}
          href={urls[format.key]}
          download
          title={format.title}
          aria-label={`Download ${versionName} as ${format.label}`}
          className={buttonClass("secondary", "sm")}
          data-format={format.key}
        >
          <svg viewBox="0 0 20 20" className="size-3.5 text-slate-500" fill="currentColor" aria-hidden="true">
            <path d="M10.75 2.75a.75.75 0 0 0-1.5 0v8.614L6.295 8.235a.75.75 0 1 0-1.09 1.03l4.25 4.5a.75.75 0 0 0 1.09 0l4.25-4.5a.75.75 0 0 0-1.09-1.03l-2.955 3.129V2.75Z" />
            <path d="M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z" />
          </svg>
          {format.label}
        </a>
      ))}
    </span>
  );
}
