// GraphQL types and fields of the labelling module (see docs/labelling.md).
import "../../graphql/builder.ts";
