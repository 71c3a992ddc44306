import type { LatLng } from '@freightgraph/platform';
import { CITIES, type City } from '../db/cities';

/** How far from a depot the network delivers; addresses farther out are outside the service area. */
export const SERVICE_RADIUS_KM = 250;

const EARTH_RADIUS_KM = 6_371.0088;
const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance (haversine), in km. */
export function distanceKm(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The depot (one per city of the network) nearest to `location`, or null outside the service area. */
export function nearestDepot(location: LatLng): { depot: City; distanceKm: number } | null {
  let best: { depot: City; distanceKm: number } | null = null;
  for (const depot of CITIES) {
    const d = distanceKm(location, depot);
    if (!best || d < best.distanceKm) best = { depot, distanceKm: d };
  }
  return best && best.distanceKm <= SERVICE_RADIUS_KM ? best : null;
}
