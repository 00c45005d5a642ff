import { describe, expect, it } from "vitest";
import { isActive, jobPercent, jobStatusDisplay } from "./import-jobs";

describe("import job display", () => {
  it("polls only unfinished jobs", () => {
    expect(isActive("QUEUED")).toBe(true);
    expect(isActive("RUNNING")).toBe(true);
    expect(isActive("SUCCEEDED")).toBe(false);
    expect(isActive("CANCELLED")).toBe(false);
  });

  it("shows a job asked to stop as stopping until the worker stops", () => {
    expect(jobStatusDisplay({ status: "RUNNING", cancelRequested: true })).toEqual({ label: "Stopping…", tone: "amber" });
    expect(jobStatusDisplay({ status: "CANCELLED", cancelRequested: true })).toEqual({ label: "Cancelled", tone: "amber" });
    expect(jobStatusDisplay({ status: "SUCCEEDED" })).toEqual({ label: "Done", tone: "green" });
  });

  it("turns progress into a bounded percentage", () => {
    expect(jobPercent({ status: "RUNNING", progress: 0.333 })).toBe(33);
    expect(jobPercent({ status: "RUNNING", progress: 1.5 })).toBe(100);
    expect(jobPercent({ status: "QUEUED", progress: Number.NaN })).toBe(0);
    expect(jobPercent({ status: "SUCCEEDED", progress: 0 })).toBe(100);
  });
});
