export {
  internalAuthEnv,
  loadInternalTokenVerifier,
  requireInternalJwksInProduction,
} from './config';
export {
  type DevToken,
  type DevTokenRequest,
  DevTokenRequestError,
  devTokenClaims,
  mintDevToken,
} from './dev-tokens';
export { checkRequirement, type Requirement, readRequirements, withAuthorization } from './directives';
export {
  type DevKeyName,
  devKeysDir,
  ensureDevKey,
  KEY_ALGORITHM,
  type PrivateJwk,
  publicJwks,
  readKey,
} from './keys';
export {
  type AccessTokenClaims,
  bearerToken,
  createInternalTokenSigner,
  createInternalTokenVerifier,
  DEV_AUDIENCE,
  DEV_ISSUER,
  INTERNAL_ALGORITHMS,
  INTERNAL_AUDIENCE,
  INTERNAL_ISSUER,
  INTERNAL_TOKEN_EXPIRED,
  INTERNAL_TOKEN_TYPE,
  type InternalTokenSigner,
  type InternalTokenVerifier,
  type JwksSource,
  signAccessToken,
} from './tokens';
export {
  ANONYMOUS_ROLE,
  ANONYMOUS_VIEWER,
  AuthErrorCode,
  forbidden,
  hasScope,
  isAnonymous,
  ROLE_SCOPES,
  ROLES,
  type Role,
  requireScope,
  SCOPES,
  type Scope,
  unauthenticated,
  type Viewer,
  viewerFromClaims,
} from './viewer';
