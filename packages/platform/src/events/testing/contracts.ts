import { z } from 'zod';
import { defineEvent, EventCatalogue } from '../contract';

/** Contracts of a made-up context, for the mechanism's own tests. */
export const ParcelWeighedV1 = defineEvent({
  type: 'orders.ParcelWeighed',
  version: 1,
  producer: 'orders',
  aggregateType: 'Parcel',
  description: 'A parcel was weighed.',
  payload: z.object({ parcelId: z.string(), grams: z.number().int().nonnegative() }),
});

export const ParcelWeighedV2 = defineEvent({
  type: 'orders.ParcelWeighed',
  version: 2,
  producer: 'orders',
  aggregateType: 'Parcel',
  description: 'A parcel was weighed; v2 says in which unit.',
  payload: z.object({ parcelId: z.string(), weight: z.number().nonnegative(), unit: z.enum(['g', 'kg']) }),
  downgrade: ({ parcelId, weight, unit }) => ({
    parcelId,
    grams: Math.round(unit === 'kg' ? weight * 1000 : weight),
  }),
});

export const testCatalogue = new EventCatalogue([ParcelWeighedV1, ParcelWeighedV2]);
