import { assert } from '@freightgraph/platform';
import type { TrackingEventResolvers } from '../__generated__/resolvers';
import { encodeTrackingCursor } from '../domain/tracking-cursor';

export const TrackingEvent: TrackingEventResolvers = {
  cursor: (event) => encodeTrackingCursor(event.seq),
  location: (event) => ({ lat: event.lat, lng: event.lng }),
  shipment: async (event, _args, { loaders }) => {
    const shipment = await loaders.shipment.load(event.shipmentId);
    assert(shipment, `tracking event ${event.id} has a shipment (foreign key)`);
    return shipment;
  },
};
