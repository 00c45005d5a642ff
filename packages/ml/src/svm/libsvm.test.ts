import { afterEach, expect, it, vi } from "vitest";
import { loadLibsvm } from "./libsvm.ts";

afterEach(() => vi.restoreAllMocks());

it("loads libsvm-js quietly, leaving fetch in place and no unhandledRejection listener behind (its glue's would exit the process silently)", async () => {
  const listeners = process.listeners("unhandledRejection").length;
  const fetchBefore = globalThis.fetch;
  const warn = vi.spyOn(console, "warn");
  const error = vi.spyOn(console, "error");
  const { SVM } = await loadLibsvm();
  expect(typeof SVM).toBe("function");
  expect(process.listeners("unhandledRejection")).toHaveLength(listeners);
  expect(globalThis.fetch).toBe(fetchBefore);
  expect([...warn.mock.calls, ...error.mock.calls].map((call) => String(call[0]))).toEqual([]);
});
