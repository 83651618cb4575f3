// A second opinion on a new comment from an upstream spam service (Akismet, when
// AKISMET_API_KEY is set), and what moderators decide, passed back to it.

export interface UpstreamComment {
  author: string;
  email: string;
  url: string | undefined;
  content: string;
  ipAddress: string;
  userAgent: string | undefined;
  referrer: string | undefined;
  permalink: string;
  at: Date;
}

export interface Upstream {
  /** Undefined when the service could not answer: the built-in filter then decides alone. */
  check(comment: UpstreamComment): Promise<'ham' | 'spam' | 'discard' | undefined>;
  /** A moderator's decision; failures are logged, never thrown. */
  teach(comment: UpstreamComment, spam: boolean): Promise<void>;
}
