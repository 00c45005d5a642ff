import { createLogger } from "@kao/log";

export const logger = createLogger("worker");
