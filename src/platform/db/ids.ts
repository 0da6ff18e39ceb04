import { randomUUID } from 'node:crypto';

/** A new row id with a short prefix that says what it is (`obj_…`, `kr_…`), handy in logs. */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}
