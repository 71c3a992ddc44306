import { badUserInput } from './errors';

/** Rejects empty or oversized strings; `field` names the argument path in the error. */
export function checkLength(value: string, field: string, max: number, min = 1): string {
  if (value.length < min)
    throw badUserInput(field, min === 1 ? 'must not be empty' : `must have at least ${min} characters`);
  if (value.length > max) throw badUserInput(field, `must have at most ${max} characters`);
  return value;
}

export interface LatLng {
  lat: number;
  lng: number;
}

export function checkLocation(location: LatLng, field: string): LatLng {
  if (!Number.isFinite(location.lat) || location.lat < -90 || location.lat > 90) {
    throw badUserInput(`${field}.lat`, 'must be between -90 and 90');
  }
  if (!Number.isFinite(location.lng) || location.lng < -180 || location.lng > 180) {
    throw badUserInput(`${field}.lng`, 'must be between -180 and 180');
  }
  return location;
}

export function checkIntRange(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(field, `must be an integer between ${min} and ${max}`);
  }
  return value;
}
