import { badUserInput, checkIntRange, checkLength, parseId } from '@freightgraph/platform';
import type { PlaceOrderInput } from './__generated__/resolvers';

export const MAX_LINES = 50;
const MAX_INT32 = 2_147_483_647;

export interface ValidOrder {
  customerId: string;
  totalCents: number;
  lines: { position: number; sku: string; description: string; quantity: number; unitPriceCents: number }[];
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
    };
  });
  // Every amount is non-negative, so a total within Int range keeps each line total within it too.
  const totalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  if (totalCents > MAX_INT32)
    throw badUserInput('input.lines', `order total must not exceed ${MAX_INT32} cents`);
  return { customerId, totalCents, lines };
}
