export { poolFeatureMap, type Pooling } from "./pooling.ts";
