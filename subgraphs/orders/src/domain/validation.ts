import { badUserInput, checkIntRange, checkLength, checkLocation, parseId } from '@freightgraph/platform';
import type { Address } from '@freightgraph/platform/contracts';
import type { AddressInput, PlaceOrderInput } from '../__generated__/resolvers';

export const MAX_LINES = 50;
const MAX_INT32 = 2_147_483_647;
/** 100 tonnes: more than any vehicle carries, and well inside an integer number of grams. */
export const MAX_ORDER_WEIGHT_GRAMS = 100_000_000;

export interface ValidOrder {
  customerId: string;
  totalCents: number;
  totalWeightGrams: number;
  shippingAddress: Address;
  lines: {
    position: number;
    sku: string;
    description: string;
    quantity: number;
    unitPriceCents: number;
    unitWeightGrams: number;
  }[];
}

function parseAddress(input: AddressInput, field: string): Address {
  if (input.lines.length < 1 || input.lines.length > 4)
    throw badUserInput(`${field}.lines`, 'must have between 1 and 4 lines');
  const country = input.country;
  if (!/^[A-Z]{2}$/.test(country))
    throw badUserInput(`${field}.country`, 'must be an ISO 3166-1 alpha-2 code, e.g. GB');
  const { lat, lng } = checkLocation(input.location, `${field}.location`);
  return {
    lines: input.lines.map((line, i) => checkLength(line, `${field}.lines.${i}`, 200)),
    city: checkLength(input.city, `${field}.city`, 100),
    postalCode: checkLength(input.postalCode, `${field}.postalCode`, 20),
    country,
    location: { lat, lng },
  };
}

/**
 * Checks a `placeOrder` input before anything is written; errors name the field path
 * (e.g. `input.lines.0.quantity`). The customer's existence is the customers subgraph's business.
 */
export function parsePlaceOrderInput(input: PlaceOrderInput): ValidOrder {
  const customerId = parseId(input.customerId, 'input.customerId');
  if (input.lines.length < 1 || input.lines.length > MAX_LINES) {
    throw badUserInput('input.lines', `must have between 1 and ${MAX_LINES} lines`);
  }
  const lines = input.lines.map((line, position) => {
    const field = `input.lines.${position}`;
    return {
      position,
      sku: checkLength(line.sku, `${field}.sku`, 64),
      description: checkLength(line.description, `${field}.description`, 200),
      quantity: checkIntRange(line.quantity, `${field}.quantity`, 1, 10_000),
      unitPriceCents: checkIntRange(line.unitPriceCents, `${field}.unitPriceCents`, 0, 100_000_000),
      unitWeightGrams: checkIntRange(line.unitWeightGrams, `${field}.unitWeightGrams`, 0, 1_000_000),
    };
  });
  // Every amount is non-negative, so a total within Int range keeps each line total within it too.
  const totalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  if (totalCents > MAX_INT32)
    throw badUserInput('input.lines', `order total must not exceed ${MAX_INT32} cents`);
  const totalWeightGrams = lines.reduce((sum, line) => sum + line.quantity * line.unitWeightGrams, 0);
  if (totalWeightGrams > MAX_ORDER_WEIGHT_GRAMS)
    throw badUserInput(
      'input.lines',
      `order weight must not exceed ${MAX_ORDER_WEIGHT_GRAMS / 1_000_000} tonnes`,
    );
  const shippingAddress = parseAddress(input.shippingAddress, 'input.shippingAddress');
  return { customerId, totalCents, totalWeightGrams, shippingAddress, lines };
}
