// What the gateway hands the page in its JSON config block; imported by the server and the browser code.

/** A role the development sign-in offers; the gateway mints its token (`POST <path> {"role"}`). */
export interface SignInRole {
  role: 'admin' | 'dispatcher' | 'customer' | 'driver';
  label: string;
  /** Whose rows the role sees (the demo customer or vehicle id), shown beside the label. */
  detail?: string | undefined;
}

/** One user journey, opened in a tab of its own. */
export interface PresetView {
  title: string;
  description: string;
  /** The role to sign in as for the journey to show data. */
  role: SignInRole['role'];
  query: string;
  /** JSON text for the variables editor. */
  variables: string;
}

export interface PlaygroundConfig {
  title: string;
  /** Path of the GraphQL endpoint (HTTP and WebSocket), resolved against the page's origin. */
  endpoint: string;
  defaultQuery: string;
  /** URLs of the Monaco editor's web workers, by the label Monaco asks for. */
  workers: { editor: string; json: string; graphql: string };
  presets: PresetView[];
  /** Absent when the gateway mints no development tokens (production, or a real identity provider). */
  signIn?: { path: string; roles: SignInRole[] } | undefined;
}
