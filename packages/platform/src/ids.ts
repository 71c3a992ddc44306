import { createHash } from 'node:crypto';
import { badUserInput } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Validates an `ID` argument; every entity id in the graph is a UUID. */
export function parseId(value: string, field: string): string {
  if (!isUuid(value)) throw badUserInput(field, 'must be a UUID');
  return value.toLowerCase();
}

/**
 * A stable UUID for the i-th demo entity of a kind. Every subgraph seeds its own store, and this is how
 * the orders seed knows the ids the customers seed created without talking to it.
 */
export function demoId(kind: string, index: number): string {
  const hex = createHash('sha256').update(`freightgraph:${kind}:${index}`).digest('hex');
  // Shape it as a version-4-looking UUID with the RFC 4122 variant bits.
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
