import { expect, it } from "vitest";
import { loadLibsvm } from "./libsvm.ts";

it("loading libsvm-js leaves no unhandledRejection listener behind (its glue's would exit the process silently)", async () => {
  const before = process.listeners("unhandledRejection").length;
  const { SVM } = await loadLibsvm();
  expect(typeof SVM).toBe("function");
  expect(process.listeners("unhandledRejection")).toHaveLength(before);
});
