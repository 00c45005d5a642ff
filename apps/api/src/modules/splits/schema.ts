// GraphQL types and fields of the splits module: split versions (create, resplit, lock, append), a
// title's distinct flag, the leakage reports (by dHash and by feature vectors), and label import.
// Exports are plain HTTP: http/exports.ts.
import "./schema/types.ts";
import "./schema/queries.ts";
import "./schema/mutations.ts";
import "./schema/leakage.ts";
import "./schema/feature-leakage.ts";
import "./schema/import.ts";
