import { type GraphQLSchema, parse, validate } from 'graphql';

/** Our graph's showcase: one operation the gateway plans across all four subgraphs. */
export const EXAMPLE_QUERY = `# Freightgraph playground
#
# One query, four subgraphs:
#  orders    - number, status, total
#  customers - who placed it
#  shipments - how it travels
#  vehicles  - what carries it
#
# Sign in (person icon, left): pick a role.
# Run it: pink button or Ctrl-Enter (the operation under the cursor).
# Journeys (star icon): every user journey.
# Explorer and Docs (left): the schema.
#
# The fulfilment saga: run PlaceOrder, paste its id into
# OrderProgress (subscription) or FollowOrder, and watch it go
# PENDING -> CONFIRMED with a shipment and a vehicle.
query RecentOrders {
  orders(first: 5) {
    totalCount
    edges {
      node {
        number
        status
        totalCents
        currency
        customer {
          name
          company
        }
        shipments {
          trackingNumber
          status
          vehicle {
            registration
            kind
          }
        }
      }
    }
  }
}

mutation PlaceOrder {
  placeOrder(input: {
    customerId: "f1acff3e-b581-4eec-83b1-3ec8611f1f9c"
    lines: [{ sku: "PAL-EUR-1200", description: "EUR pallet", quantity: 4, unitPriceCents: 1450, unitWeightGrams: 25000 }]
    shippingAddress: {
      lines: ["Unit 4, Trafford Park"], city: "Manchester", postalCode: "M17 1AA", country: "GB"
      location: { lat: 53.4668, lng: -2.3183 }
    }
  }) {
    id
    number
    status
    fulfillment { state }
  }
}

subscription OrderProgress {
  orderUpdates(orderId: "paste-the-order-id", after: null) {
    cursor
    step { name status at reason }
    order { status customer { name } shipments { trackingNumber vehicle { registration } } }
  }
}

query FollowOrder {
  order(id: "paste-the-order-id") {
    number
    status
    rejectionReason
    totalWeightKg
    fulfillment { state steps { name status at reason } }
    shipments {
      trackingNumber
      status
      origin { name }
      vehicle { registration kind reservedKg freeCapacityKg }
    }
  }
}
`;

/** For any other supergraph the gateway is pointed at. */
export const GENERIC_QUERY = `# Welcome to GraphiQL.
#
# Build a query in the Explorer on the left, or open the Docs to browse the schema.
{
  __typename
}
`;

const example = parse(EXAMPLE_QUERY);

/** The showcase when the schema can run it, else a query that runs against any schema. */
export function defaultQueryFor(schema: GraphQLSchema | undefined): string {
  if (schema && validate(schema, example).length === 0) return EXAMPLE_QUERY;
  return GENERIC_QUERY;
}
