import {
  DEMO,
  demoCustomerId,
  demoOrder,
  demoShipmentId,
  demoTrackingNumber,
  demoVehicleId,
  type Role,
} from '@freightgraph/platform';
import {
  type GraphQLSchema,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';

/** A user journey the playground opens in one click. Add one here and it is validated like the rest. */
export interface Preset {
  title: string;
  description: string;
  /** Whom to sign in as for the journey to show data. */
  role: Role;
  query: string;
  variables?: Record<string, unknown>;
}

/** The demo customer the sign-in panel offers, and their first order on the road. */
const customerId = demoCustomerId(0);
const shippedOrder = (() => {
  for (let i = 0; i < DEMO.orders; i++) {
    const order = demoOrder(i);
    if (order.customerId === customerId && order.status === 'SHIPPED') return order;
  }
  throw new Error('the demo world has no shipped order for the first demo customer');
})();

export const PRESETS: Preset[] = [
  {
    title: 'Dispatcher dashboard',
    description: 'Orders on the road across all four subgraphs',
    role: 'dispatcher',
    query: `query DispatcherDashboard {
  orders(first: 10, status: SHIPPED) {
    totalCount
    edges {
      node {
        number
        totalCents
        customer { name email }
        shipments {
          trackingNumber
          status
          vehicle { registration kind }
          lastLocation { lat lng }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    title: 'Track a parcel',
    description: 'A shipment by its tracking number, with its history',
    role: 'customer',
    query: `query TrackParcel($trackingNumber: String!) {
  shipmentByTrackingNumber(trackingNumber: $trackingNumber) {
    trackingNumber
    status
    lastLocation { lat lng }
    events { status note occurredAt }
  }
}
`,
    variables: { trackingNumber: demoTrackingNumber(shippedOrder.index, 0) },
  },
  {
    title: "A customer's page",
    description: 'Who they are and their latest orders',
    role: 'customer',
    query: `query CustomerPage($id: ID!) {
  customer(id: $id) {
    name
    email
    orders(first: 10) {
      totalCount
      edges { node { number status totalCents shipments { trackingNumber status } } }
    }
  }
}
`,
    variables: { id: customerId },
  },
  {
    title: 'Live tracking',
    description: 'Tracking events of a shipment as they are recorded',
    role: 'customer',
    query: `subscription LiveTracking($shipmentId: ID!) {
  trackingUpdates(shipmentId: $shipmentId) {
    status
    note
    occurredAt
    location { lat lng }
    shipment { trackingNumber order { number customer { name } } }
  }
}
`,
    variables: { shipmentId: demoShipmentId(shippedOrder.index, 0) },
  },
  {
    title: 'Live vehicle position',
    description:
      'Positions of the demo driver’s vehicle as they are reported; resumable with `after: <cursor>`',
    role: 'driver',
    query: `subscription VehiclePosition($vehicleIds: [ID!], $after: String) {
  vehiclePositionUpdates(vehicleIds: $vehicleIds, after: $after) {
    cursor
    reportedAt
    position { lat lng }
    vehicle { registration status }
  }
}
`,
    variables: { vehicleIds: [demoVehicleId(0)], after: null },
  },
  {
    title: 'Place an order',
    description: 'A new order for the demo customer; the fulfilment saga confirms it within a second',
    role: 'customer',
    query: `mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    id
    number
    status
    totalCents
    totalWeightKg
    fulfillment { state steps { name status at } }
  }
}
`,
    variables: {
      input: {
        customerId,
        lines: [
          {
            sku: 'PALLET-EU',
            description: 'Euro pallet, 120 x 80 cm',
            quantity: 2,
            unitPriceCents: 4_500,
            unitWeightGrams: 25_000,
          },
        ],
        shippingAddress: {
          lines: ['221B Baker Street'],
          city: 'London',
          postalCode: 'NW1 6XE',
          country: 'GB',
          location: { lat: 51.5238, lng: -0.1586 },
        },
      },
    },
  },
  {
    title: 'Order progress',
    description: 'Where an order is in the saga: paste the id PlaceOrder returned',
    role: 'customer',
    query: `query OrderProgress($id: ID!) {
  order(id: $id) {
    number
    status
    rejectionReason
    fulfillment { state steps { name status at reason } }
    shipments { trackingNumber status }
  }
}
`,
    variables: { id: shippedOrder.id },
  },
];

/** Why a preset would fail on this schema: validation errors, then variables it cannot coerce. */
export function presetProblems(schema: GraphQLSchema, preset: Preset): string[] {
  let document: ReturnType<typeof parse>;
  try {
    document = parse(preset.query);
  } catch (error) {
    return [(error as Error).message];
  }
  const errors = validate(schema, document).map((error) => error.message);
  if (errors.length) return errors;
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1) return ['a preset holds exactly one operation'];
  const coerced = getVariableValues(schema, operations[0]!.variableDefinitions ?? [], preset.variables ?? {});
  return (coerced.errors ?? []).map((error) => error.message);
}

export interface PresetCheck {
  valid: Preset[];
  broken: { title: string; problems: string[] }[];
}

/** Splits the presets into those the schema runs and those it would refuse, with the reasons. */
export function checkPresets(schema: GraphQLSchema | undefined, presets: Preset[] = PRESETS): PresetCheck {
  if (!schema) return { valid: [], broken: [] };
  const check: PresetCheck = { valid: [], broken: [] };
  for (const preset of presets) {
    const problems = presetProblems(schema, preset);
    if (problems.length) check.broken.push({ title: preset.title, problems });
    else check.valid.push(preset);
  }
  return check;
}
