import { writeFileSync } from "node:fs";
import { printSchema } from "graphql";
import { schema } from "../src/graphql/schema.ts";

// The committed SDL is what clients read and codegen from; a unit test fails when it is stale.
writeFileSync(new URL("../schema.graphql", import.meta.url), printSchema(schema) + "\n");
