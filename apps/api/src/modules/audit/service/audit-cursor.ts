import { badInput } from "../../../errors.ts";
import { isId } from "../../../ids.ts";

/**
 * Entries come from two tables and are ordered by (createdAt, id), so a cursor is both: an id alone
 * could not say where a page of the merged list ends.
 */
export interface AuditCursor {
  createdAt: Date;
  id: string;
}

export const encodeAuditCursor = (entry: AuditCursor) => Buffer.from(`${entry.createdAt.toISOString()}|${entry.id}`).toString("base64url");

export function decodeAuditCursor(cursor: string, argument: string): AuditCursor {
  const [time = "", id = "", ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(time);
  if (rest.length > 0 || !isId(id) || Number.isNaN(createdAt.getTime())) throw badInput(`\`${argument}\` is not a valid cursor.`);
  return { createdAt, id };
}
