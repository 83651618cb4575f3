import { StandalonePage } from '../StoreLayout';
import { DataRequestForm } from './DataRequestForm';
import './discussion.css';

// What the comment form's "Learn how your comment data is processed" promises. Every statement here
// is what the server does (src/modules/discussion: service.ts stores, privacy.ts retains, exports
// and erases, moderation.ts shows); change them together.

export function PrivacyPage() {
  return (
    <StandalonePage>
      <title>How your comment data is processed — Mi Store</title>
      <article className="privacy" aria-labelledby="privacy-heading">
        <h1 id="privacy-heading">How your comment data is processed</h1>
        <p className="lede">
          When you comment on a product, we keep what you type into the form and two details your browser sends with it.
          This page says exactly what, why, for how long, who sees it, and how you can get a copy or erase it. The
          comment form sets no cookie and needs no account.
        </p>

        <section aria-labelledby="stored-heading">
          <h2 id="stored-heading">What is stored</h2>
          <dl>
            <dt>Name</dt>
            <dd>as you typed it.</dd>
            <dt>Email address</dt>
            <dd>as you typed it.</dd>
            <dt>Website</dt>
            <dd>if you gave one.</dd>
            <dt>Comment</dt>
            <dd>the text you wrote.</dd>
            <dt>IP address</dt>
            <dd>the internet address your comment came from.</dd>
            <dt>User agent</dt>
            <dd>the name and version your browser gives of itself.</dd>
            <dt>Times</dt>
            <dd>when you posted the comment, and when a moderator approved it, marked it as spam or removed it.</dd>
          </dl>
          <p>With them, the spam filter's verdict on the comment: a score and the reasons for it.</p>
        </section>

        <section aria-labelledby="why-heading">
          <h2 id="why-heading">Why</h2>
          <ul>
            <li>
              <strong>Your name, website and comment</strong> are stored to show your comment, with your name (linked to
              your website if you gave one), on the product's page.
            </li>
            <li>
              <strong>Your email address</strong> is stored to tell you about your data: it is where we send the link to
              export or erase your comments. It is never shown, on the page or to other visitors.
            </li>
            <li>
              <strong>Your IP address and user agent</strong> are stored to fight spam and abuse, for example many
              comments sent from one address.
            </li>
            <li>
              <strong>Every comment is checked for spam.</strong> A built-in spam filter, running on this server, scores
              the text. Only when the shop has configured it, the comment (name, email address, website, text, IP
              address, user agent and the page's address) is also sent to Akismet, a service of Automattic, for a second
              opinion.
            </li>
            <li>
              <strong>Moderators' decisions teach the filter.</strong> When a moderator marks a comment as spam or as
              not spam, the filter learns from its words. If you erase your comments, it forgets what they taught it.
            </li>
          </ul>
        </section>

        <section aria-labelledby="how-long-heading">
          <h2 id="how-long-heading">For how long</h2>
          <dl>
            <dt>IP address and user agent</dt>
            <dd>removed 30 days after you posted, by an automatic clean-up that runs every day.</dd>
            <dt>Comments taken as spam</dt>
            <dd>
              kept 30 days (the shop may set another period) so that a moderator can check the filter was right, then
              deleted.
            </dd>
            <dt>Your comments</dt>
            <dd>
              kept until you erase them. A comment a moderator removes is no longer shown, but is kept until you erase
              it.
            </dd>
            <dt>Links to export or erase</dt>
            <dd>work once, for 24 hours.</dd>
          </dl>
        </section>

        <section aria-labelledby="who-heading">
          <h2 id="who-heading">Who sees what</h2>
          <dl>
            <dt>Everyone</dt>
            <dd>your name, your website, your comment and when you posted it.</dd>
            <dt>Moderators</dt>
            <dd>
              the shop's staff who review comments see also your email address, IP address and user agent, and the spam
              filter's score and reasons.
            </dd>
            <dt>Nobody else</dt>
            <dd>your data is never sold or shared, apart from the spam check by Akismet described above.</dd>
          </dl>
        </section>

        <section aria-labelledby="rights-heading">
          <h2 id="rights-heading">Export or erase your comments</h2>
          <p>
            Enter the email address you commented with. We email it a link that works once, for 24 hours: only whoever
            reads that mailbox can use it. The export is a file with everything stored about your comments. Erasing
            removes your name, email address, website, IP address, user agent and text from every comment written with
            that address; each one is replaced by “Comment removed at the author’s request.” so that the replies around
            it keep their place.
          </p>
          <DataRequestForm />
        </section>
      </article>
    </StandalonePage>
  );
}
