import { z } from 'zod';

/** A point on the globe, WGS 84 degrees. */
export const location = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

/** Where an order goes: what a label prints, plus the coordinates routing needs. */
export const address = z.object({
  lines: z.array(z.string().min(1).max(200)).min(1).max(4),
  city: z.string().min(1).max(100),
  postalCode: z.string().min(1).max(20),
  /** ISO 3166-1 alpha-2, e.g. `GB`. */
  country: z.string().regex(/^[A-Z]{2}$/),
  location,
});

/** A named place a shipment travels between (a depot or the customer's address). */
export const place = z.object({ name: z.string().min(1), location });

export const id = z.uuid();
export const kg = z.number().nonnegative();

export type Location = z.infer<typeof location>;
export type Address = z.infer<typeof address>;
export type Place = z.infer<typeof place>;
