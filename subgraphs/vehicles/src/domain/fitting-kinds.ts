import type { VehicleRow } from '../db/schema';

type Kind = VehicleRow['kind'];

/**
 * Which kinds of vehicle may carry a shipment of this weight: cargo bikes take parcels up to 100 kg,
 * vans up to 1.5 t, box trucks anything, and articulated trucks only freight from 1 t (they run the
 * long lanes; a parcel on one would hold a trailer for nothing). Free capacity is checked separately.
 */
export function fittingKinds(weightKg: number): Kind[] {
  const kinds: Kind[] = [];
  if (weightKg <= 100) kinds.push('CARGO_BIKE');
  if (weightKg <= 1_500) kinds.push('VAN');
  kinds.push('BOX_TRUCK');
  if (weightKg >= 1_000) kinds.push('ARTICULATED_TRUCK');
  return kinds;
}

/** Kilograms as the integer grams the store keeps (events carry kg with gram precision). */
export const toGrams = (kg: number): number => Math.round(kg * 1000);
export const toKg = (grams: number): number => grams / 1000;
