// GraphQL types and fields of the agreement module (see docs/labelling.md).
import "../../graphql/builder.ts";
