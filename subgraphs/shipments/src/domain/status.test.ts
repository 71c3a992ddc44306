import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { canTransition, checkTransition, SHIPMENT_STATUSES, type ShipmentStatus } from './status';

/** The whole table: every pair not listed here must be illegal. */
const LEGAL: [ShipmentStatus, ShipmentStatus][] = [
  ['LABEL_CREATED', 'PICKED_UP'],
  ['LABEL_CREATED', 'EXCEPTION'],
  ['PICKED_UP', 'IN_TRANSIT'],
  ['PICKED_UP', 'EXCEPTION'],
  ['IN_TRANSIT', 'IN_TRANSIT'],
  ['IN_TRANSIT', 'OUT_FOR_DELIVERY'],
  ['IN_TRANSIT', 'EXCEPTION'],
  ['OUT_FOR_DELIVERY', 'DELIVERED'],
  ['OUT_FOR_DELIVERY', 'IN_TRANSIT'],
  ['OUT_FOR_DELIVERY', 'EXCEPTION'],
  ['EXCEPTION', 'PICKED_UP'],
  ['EXCEPTION', 'IN_TRANSIT'],
  ['EXCEPTION', 'OUT_FOR_DELIVERY'],
  ['EXCEPTION', 'EXCEPTION'],
];
const isLegal = (from: ShipmentStatus, to: ShipmentStatus) => LEGAL.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = SHIPMENT_STATUSES.flatMap((from) => SHIPMENT_STATUSES.map((to) => [from, to] as const));
const ILLEGAL = ALL_PAIRS.filter(([from, to]) => !isLegal(from, to));

describe('shipment state machine', () => {
  it.each(LEGAL)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => checkTransition(from, to)).not.toThrow();
  });

  it.each(ILLEGAL)('rejects %s -> %s with BAD_USER_INPUT on input.status naming both states', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let error: unknown;
    try {
      checkTransition(from, to);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    const graphQLError = error as GraphQLError;
    expect(graphQLError.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
    expect(graphQLError.message).toContain(from);
    expect(graphQLError.message).toContain(to);
  });

  it('lets nothing leave DELIVERED or CANCELLED, reaches EXCEPTION from every other state, CANCELLED from none', () => {
    expect(SHIPMENT_STATUSES.filter((to) => canTransition('DELIVERED', to))).toEqual([]);
    expect(SHIPMENT_STATUSES.filter((to) => canTransition('CANCELLED', to))).toEqual([]);
    // Only the saga cancels a shipment; a tracking event never does.
    expect(SHIPMENT_STATUSES.filter((from) => canTransition(from, 'CANCELLED'))).toEqual([]);
    expect(SHIPMENT_STATUSES.filter((from) => canTransition(from, 'EXCEPTION'))).toEqual(
      SHIPMENT_STATUSES.filter((s) => s !== 'DELIVERED' && s !== 'CANCELLED'),
    );
    expect(ILLEGAL.length + LEGAL.length).toBe(49);
  });
});
