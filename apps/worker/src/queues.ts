/** Queue names shared by the worker and the API (which enqueues). */
export const QUEUES = {
  maintenance: "kao.maintenance",
} as const;
