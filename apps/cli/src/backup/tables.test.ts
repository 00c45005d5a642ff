import { describe, expect, it } from "vitest";
import { orderByForeignKeys } from "./tables.ts";

describe("orderByForeignKeys", () => {
  it("puts parents before children, whatever the input order", () => {
    const order = orderByForeignKeys(["Frame", "Annotation", "Dataset", "User"], [
      { child: "Annotation", parent: "Frame" },
      { child: "Annotation", parent: "User" },
      { child: "Frame", parent: "Dataset" },
      { child: "Dataset", parent: "User" },
    ]);
    expect(order).toEqual(["User", "Dataset", "Frame", "Annotation"]);
  });

  it("accepts a self-reference and refuses a cycle", () => {
    expect(orderByForeignKeys(["Node"], [{ child: "Node", parent: "Node" }])).toEqual(["Node"]);
    expect(() => orderByForeignKeys(["A", "B"], [{ child: "A", parent: "B" }, { child: "B", parent: "A" }])).toThrow(/cycle among A, B/);
  });
});
