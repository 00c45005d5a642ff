import { badInput } from "./errors.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else is rejected before it reaches Postgres (which would raise a cast error). */
export function assertId(id: string, what = "id"): string {
  if (!UUID.test(id)) throw badInput(`\`${what}\` is not a valid id.`);
  return id;
}

export const isId = (id: string) => UUID.test(id);
