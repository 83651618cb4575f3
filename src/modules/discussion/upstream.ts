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

/** The parts of Akismet's client the pipeline uses (akismet/client.ts). */
export interface AkismetLike {
  checkComment(comment: AkismetFields): Promise<'ham' | 'spam' | 'discard'>;
  submitSpam(comment: AkismetFields): Promise<void>;
  submitHam(comment: AkismetFields): Promise<void>;
}

export interface AkismetFields {
  user_ip: string;
  user_agent?: string | undefined;
  referrer?: string | undefined;
  permalink?: string | undefined;
  comment_type?: string | undefined;
  comment_author?: string | undefined;
  comment_author_email?: string | undefined;
  comment_author_url?: string | undefined;
  comment_content?: string | undefined;
  comment_date_gmt?: string | undefined;
}

const fields = (c: UpstreamComment): AkismetFields => ({
  user_ip: c.ipAddress,
  user_agent: c.userAgent,
  referrer: c.referrer,
  permalink: c.permalink || undefined,
  comment_type: 'comment',
  comment_author: c.author,
  comment_author_email: c.email,
  comment_author_url: c.url,
  comment_content: c.content,
  comment_date_gmt: c.at.toISOString(),
});

/** Akismet as the upstream: any failure is reported and answered as "no opinion". */
export function akismetUpstream(client: AkismetLike, report: (error: unknown, what: string) => void): Upstream {
  return {
    async check(comment) {
      try {
        return await client.checkComment(fields(comment));
      } catch (error) {
        report(error, 'Akismet comment-check failed: the built-in filter decided alone');
        return undefined;
      }
    },
    async teach(comment, spam) {
      try {
        await (spam ? client.submitSpam(fields(comment)) : client.submitHam(fields(comment)));
      } catch (error) {
        report(error, `Akismet ${spam ? 'submit-spam' : 'submit-ham'} failed`);
      }
    },
  };
}
