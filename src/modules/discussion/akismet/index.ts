// The Akismet protocol both ways: our spam filter served to other sites (routes, keys) and real
// Akismet asked about our comments (client). Hot path: comment-check, benchmarked in bench/akismet.

export {
  AkismetClient,
  type AkismetClientOptions,
  type AkismetComment,
  AkismetUnavailableError,
  type AkismetVerdict,
} from './client.js';
export { type LiveKey, type SpamKey, SpamKeys } from './keys.js';
export { type AkismetDeps, akismetRoutes } from './routes.js';
