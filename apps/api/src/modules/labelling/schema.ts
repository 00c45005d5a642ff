// GraphQL types and fields of the labelling module (see docs/labelling.md). The enums and the
// Annotation type are exported for the agreement and guidelines modules.
import "./schema/frame-fields.ts";
import "./schema/queue.ts";
import "./schema/review.ts";

export { AnnotationRef, ConsensusMethodEnum, ConsensusRef, LabelEnum, LabelStatusEnum } from "./schema/types.ts";
