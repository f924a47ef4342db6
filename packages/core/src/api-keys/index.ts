export * from './api-key-scopes';
export {
  type ApiKeyPrincipal,
  apiKeyCacheKey,
  createApiKeyAuthenticator,
  forgetApiKey,
} from './authenticate-api-key';
export {
  type ApiKeyView,
  createApiKey,
  findApiKeys,
  revokeApiKey,
  rotateApiKey,
} from './manage-api-keys';
