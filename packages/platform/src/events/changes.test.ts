import { describe, expect, it } from 'vitest';
import { changedIdsOf, changedTypesOf } from './changes';

const ORDER = '00000000-0000-4000-8000-0000000000a1';
const SHIPMENT = '00000000-0000-4000-8000-0000000000B2';
const EVENT = '00000000-0000-4000-8000-0000000000c3';

describe('what a domain event says changed', () => {
  const event = {
    aggregateType: 'Shipment',
    aggregateId: SHIPMENT,
    payload: { shipmentId: SHIPMENT, orderId: ORDER, trackingEventId: EVENT, status: 'IN_TRANSIT' },
  };

  it('names the aggregate and every id in the payload, lower-cased', () => {
    expect(changedIdsOf(event).sort()).toEqual([ORDER, SHIPMENT.toLowerCase(), EVENT].sort());
  });

  it('names the aggregate type and the type of every `<type>Id` field holding an id', () => {
    expect(changedTypesOf(event).sort()).toEqual(['Order', 'Shipment', 'TrackingEvent']);
  });

  it('takes no type from a field that is not an id, or holds no UUID', () => {
    expect(
      changedTypesOf({
        aggregateType: 'Vehicle',
        payload: { vehicleId: 'not-a-uuid', Id: ORDER, reason: ORDER, capacityKg: 3 },
      }),
    ).toEqual(['Vehicle']);
    expect(changedTypesOf({ aggregateType: 'Order', payload: null })).toEqual(['Order']);
  });
});
