import { cursorCodec } from '@freightgraph/platform';

/**
 * A tracking subscription cursor: the event's place in the commit order of all tracking events
 * (`tracking_events.seq`), opaque to clients. One global sequence serves every stream (a shipment's, an
 * order's): a stream's events are a subsequence of it, so "after N" means the same on each.
 */
export const trackingCursor = cursorCodec('tracking');
export const encodeTrackingCursor = trackingCursor.encode;
export const decodeTrackingCursor = trackingCursor.decode;
