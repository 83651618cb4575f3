// Product discussions: comment threads, the spam filter, moderation, the Akismet-compatible API
// and the commenters' own export and erasure. Hot paths: posting a comment and comment-check
// (both score text with the in-memory model, benchmarked in bench/spam).

export { type ModerationAction, ModerationService } from './moderation.js';
export { CommentDataService, type DataAction, RETENTION } from './privacy.js';
export { discussionRoutes } from './routes.js';
export { DiscussionService } from './service.js';
export type { Assessment, Outcome, Reason, Signals, Submission } from './spam/assess.js';
export { SpamFilter } from './spam-filter.js';
export { akismetUpstream, type Upstream, type UpstreamComment } from './upstream.js';
