/** The audit page's filters: read from the URL (a plain GET form), turned into `auditLog` arguments. */
export interface AuditFilters {
  dataset: string;
  actor: string;
  action: string;
  /** YYYY-MM-DD, UTC, inclusive. */
  from: string;
  /** YYYY-MM-DD, UTC, inclusive (the whole day). */
  to: string;
  after: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export function readAuditFilters(params: Record<string, string | string[] | undefined>): AuditFilters {
  const one = (key: string) => {
    const value = params[key];
    return typeof value === "string" ? value.trim() : "";
  };
  const day = (key: string) => (DAY.test(one(key)) && !Number.isNaN(Date.parse(one(key))) ? one(key) : "");
  return { dataset: one("dataset"), actor: one("actor"), action: one("action"), from: day("from"), to: day("to"), after: one("after") };
}

export function auditVariables(filters: AuditFilters) {
  return {
    datasetId: filters.dataset || null,
    actorId: filters.actor || null,
    action: filters.action || null,
    from: filters.from ? new Date(`${filters.from}T00:00:00Z`).toISOString() : null,
    // "to" names the last day shown: the API's bound is exclusive, so it is the next midnight.
    to: filters.to ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS).toISOString() : null,
    after: filters.after || null,
  };
}

/** The URL of the next page: the same filters, one cursor further. */
export function nextPageHref(filters: AuditFilters, endCursor: string) {
  const { after: _after, ...rest } = filters;
  const params = new URLSearchParams(Object.entries(rest).filter(([, value]) => value !== ""));
  params.set("after", endCursor);
  return `/audit?${params}`;
}

/** An entry's details as short `key: value` pairs for the table. */
export function describeDetails(details: string): string[] {
  const parsed: unknown = JSON.parse(details);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return [];
  return Object.entries(parsed).map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
}
