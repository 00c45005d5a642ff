const FORMAT = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const DATE_ONLY = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** A timestamp from the API, rendered the same on server and client (UTC), exact value on hover. */
export function DateTime({ value, dateOnly = false, empty = "—" }: { value: string | null | undefined; dateOnly?: boolean; empty?: string }) {
  if (!value) return <span className="text-slate-400">{empty}</span>;
  const date = new Date(value);
  return (
    <time dateTime={value} title={`${FORMAT.format(date)} UTC`}>
      {(dateOnly ? DATE_ONLY : FORMAT).format(date)}
    </time>
  );
}
