import { readFileSync } from "node:fs";
import { printSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "./schema.ts";

describe("schema.graphql", () => {
  it("matches the schema the code builds (run `npm run schema -w @kao/api` after changing it)", () => {
    const committed = readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8");
    expect(committed).toBe(printSchema(schema) + "\n");
  });

  it("describes every type and every root field", () => {
    const undocumented: string[] = [];
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        if (!field.description) undocumented.push(`${root?.name}.${field.name}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
