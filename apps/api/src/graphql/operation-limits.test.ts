import { Kind, getIntrospectionQuery, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { INTROSPECTION_LIMITS, measureSelectionSet } from "./operation-limits.ts";

function measure(source: string) {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error("no operation");
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return measureSelectionSet(operation.selectionSet, fragments);
}

describe("measureSelectionSet", () => {
  it("counts nesting as depth and every field as breadth", () => {
    expect(measure("{ me { id email } }")).toEqual({ depth: 2, breadth: 3 });
    expect(measure("{ datasets { edges { node { id name } } } }")).toEqual({ depth: 4, breadth: 5 });
  });

  it("counts introspection and __typename fields like any other", () => {
    expect(measure("{ __typename a: __typename }")).toEqual({ depth: 1, breadth: 2 });
    expect(measure("{ __schema { types { fields { type { ofType { name } } } } } }")).toEqual({ depth: 6, breadth: 6 });
  });

  it("expands named and inline fragments where they are spread", () => {
    const source = `
      query { me { ...U } user(id: "x") { ... on User { ...U } } }
      fragment U on User { id email }`;
    expect(measure(source)).toEqual({ depth: 2, breadth: 6 });
  });

  it("stays linear for fragments that spread each other many times", () => {
    // Each level doubles the expanded size: 2^30 fields if expanded naively (minutes of work and
    // gigabytes), but measured once per fragment; a naive walk would not finish within the test's timeout.
    const levels = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { a: __typename ...F${i + 1} b: __typename ...F${i + 1} }`);
    const source = `{ ...F0 } ${levels.join("\n")} fragment F30 on Query { __typename }`;
    const size = measure(source);
    expect(size.breadth).toBeGreaterThan(2 ** 30);
  });

  it("does not loop on a cyclic fragment (validation refuses it later)", () => {
    expect(measure("{ ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }")).toEqual({ depth: 1, breadth: 1 });
  });
});

describe("INTROSPECTION_LIMITS", () => {
  it("fit graphql's own introspection query with every option, which tools send", () => {
    const all = { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true };
    for (const options of [{}, all]) {
      const size = measure(getIntrospectionQuery(options));
      expect(size.depth).toBeLessThanOrEqual(INTROSPECTION_LIMITS.depth);
      expect(size.breadth).toBeLessThanOrEqual(INTROSPECTION_LIMITS.breadth);
    }
  });
});
