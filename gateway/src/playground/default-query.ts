import { type GraphQLSchema, parse, validate } from 'graphql';

/** Our graph's showcase: one operation the gateway plans across all four subgraphs. */
export const EXAMPLE_QUERY = `# Welcome to the Freightgraph playground!
#
# This one query spans all four subgraphs:
#   orders    - number, status and total
#   customers - who placed each order
#   shipments - how it travels
#   vehicles  - what carries it
#
# Run it with the pink button (Ctrl-Enter).
# Click your own query together in the
# Explorer, or browse the schema in the Docs.
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
