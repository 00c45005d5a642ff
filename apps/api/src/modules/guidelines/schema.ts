// GraphQL types and fields of the guidelines module (see docs/labelling.md).
import "../../graphql/builder.ts";
