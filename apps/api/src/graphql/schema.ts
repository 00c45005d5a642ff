import { lexicographicSortSchema } from "graphql";
import { builder } from "./builder.ts";
import "./result-errors.ts";
import "../modules/users/schema.ts";
import "../modules/session/schema.ts";
import "../modules/tokens/schema.ts";
import "../modules/datasets/schema.ts";
import "../modules/frames/schema.ts";
import "../modules/imports/schema.ts";
import "../modules/labelling/schema.ts";
import "../modules/agreement/schema.ts";
import "../modules/guidelines/schema.ts";
import "../modules/backbones/schema.ts";
import "../modules/training/schema.ts";
import "../modules/predictions/schema.ts";
import "../modules/jobs/schema.ts";
import "../modules/splits/schema.ts";
import "../modules/audit/schema.ts";

/** The one GraphQL schema: each domain module adds its types and fields to the builder. */
export const schema = lexicographicSortSchema(builder.toSchema());
