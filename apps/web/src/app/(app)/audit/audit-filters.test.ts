import { describe, expect, it } from "vitest";
import { auditVariables, describeDetails, nextPageHref, readAuditFilters } from "./audit-filters";

describe("audit filters", () => {
  it("turn inclusive days into the API's [from, to) range and drop bad dates", () => {
    const filters = readAuditFilters({ from: "2026-11-01", to: "2026-11-28", action: " label. ", dataset: ["a", "b"], after: "bad day" });
    expect(filters).toMatchObject({ from: "2026-11-01", to: "2026-11-28", action: "label.", dataset: "" });
    expect(auditVariables(filters)).toMatchObject({ from: "2026-11-01T00:00:00.000Z", to: "2026-11-29T00:00:00.000Z", action: "label.", datasetId: null });
    expect(readAuditFilters({ from: "2026-13-45", to: "yesterday" })).toMatchObject({ from: "", to: "" });
  });

  it("keep the filters on the next page's link", () => {
    const href = nextPageHref(readAuditFilters({ action: "split.lock", after: "old" }), "next-cursor");
    expect(href).toBe("/audit?action=split.lock&after=next-cursor");
  });

  it("show details as key: value pairs", () => {
    expect(describeDetails('{"label":"FACE","rules":["Profile"]}')).toEqual(["label: FACE", 'rules: ["Profile"]']);
    expect(describeDetails("[]")).toEqual([]);
  });
});
