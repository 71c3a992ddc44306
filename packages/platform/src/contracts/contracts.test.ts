import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent, EventCatalogue } from '../events/contract';
import { CONTEXTS } from '../events/envelope';
import { CONTEXT_MAP, catalogue, consumersOf, ShipmentCreated } from '.';

// A v2 of ShipmentCreated as a producer might publish it one day: the weight in grams and a promised
// delivery time. Test-only: it proves the v1 consumers keep working when it appears.
const ShipmentCreatedV2 = defineEvent({
  ...ShipmentCreated,
  version: 2,
  payload: ShipmentCreated.payload.omit({ weightKg: true }).extend({
    weightGrams: z.number().int().nonnegative(),
    promisedBy: z.iso.datetime(),
  }),
  downgrade: ({ weightGrams, promisedBy: _promisedBy, ...rest }) => ({
    ...rest,
    weightKg: weightGrams / 1000,
  }),
});

const v2Payload = {
  shipmentId: '6f1c1f0e-9d4b-4d0a-8a57-3b8a0c6a1e01',
  orderId: '0b8f7a52-0f3e-4c61-9b0a-2f64d1c1a902',
  trackingNumber: 'FG1234567890',
  origin: { name: 'Leeds depot', location: { lat: 53.8, lng: -1.55 } },
  destination: { name: '1 Dock Rd, LS1 1AA Leeds, GB', location: { lat: 53.79, lng: -1.54 } },
  weightGrams: 18_250,
  promisedBy: '2026-12-03T12:00:00.000Z',
};

describe('event contracts', () => {
  const withV2 = new EventCatalogue([...catalogue.contracts, ShipmentCreatedV2]);

  it('hands a v1 handler a v2 event converted and validated as v1', () => {
    const seen = withV2.convert(ShipmentCreated.type, 2, v2Payload, 1);
    const { weightGrams: _grams, promisedBy: _promised, ...shared } = v2Payload;
    expect(seen).toStrictEqual({ ...shared, weightKg: 18.25 });
    expect(ShipmentCreated.payload.safeParse(seen).success).toBe(true);
  });

  it('refuses what breaks the contract, and cannot upgrade an old event', () => {
    expect(() => withV2.convert(ShipmentCreated.type, 2, { ...v2Payload, weightGrams: -1 }, 1)).toThrow();
    expect(withV2.convert(ShipmentCreated.type, 1, { ...v2Payload, weightKg: 1 }, 2)).toBeUndefined();
    expect(withV2.convert(ShipmentCreated.type, 3, v2Payload, 1)).toBeUndefined();
  });

  it('routes every consumed type to a context, only from another context, and only types that exist', () => {
    for (const context of CONTEXTS) {
      for (const type of CONTEXT_MAP[context]) {
        expect(catalogue.versions(type).length, type).toBeGreaterThan(0);
        expect(type.startsWith(`${context}.`), `${context} consumes its own ${type}`).toBe(false);
      }
    }
    expect(consumersOf('orders.OrderPlaced')).toEqual(['shipments']);
    expect(consumersOf('shipments.ShipmentCreated')).toEqual(['orders', 'vehicles']);
    expect(consumersOf('vehicles.CapacityReleased')).toEqual([]);
  });
});
