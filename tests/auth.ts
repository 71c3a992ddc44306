import { testTokens } from '@freightgraph/platform/testing';
import { inject } from 'vitest';

/** Tokens for the shared graph, signed with the development keys its services generated. */
export const tokens = testTokens(inject('graph').layout.dataDir);

/** Headers of an admin request: what every test that is not about authorization sends. */
export const admin = await tokens.headers('admin');
