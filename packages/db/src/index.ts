export { createPrismaClient, type Db } from "./client.ts";
export { Prisma } from "./generated/prisma/client.ts";
export type {
  User as UserWithSecrets,
  ApiToken as ApiTokenWithSecrets,
  LoginAttempt,
  Dataset,
  DatasetMember,
  Title,
  Video,
  Scene,
  Frame,
  Annotation,
  AnnotationRevision,
  FrameLease,
  Consensus,
  SplitVersion,
  SplitAssignment,
  Backbone,
  FeatureVector,
  Job,
  TrainingRun,
  Prediction,
  AuditLog,
  Upload,
  ImportItem,
} from "./generated/prisma/client.ts";
export * from "./generated/prisma/enums.ts";
export type { User, ApiToken } from "./safe-types.ts";
export { isUniqueViolation, isNotFound } from "./errors.ts";
