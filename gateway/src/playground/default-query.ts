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
# Run it: pink button or Ctrl-Enter.
# Journeys (star icon): every user journey.
# Explorer and Docs (left): the schema.
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
