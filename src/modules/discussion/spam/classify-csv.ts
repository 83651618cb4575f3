import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { CommentFileError, type CommentRecord, commentCsvOptions, commentFileError } from './dataset.js';
import { SPAM_AT } from './evaluate.js';
import { features } from './features.js';
import { type SpamModel, spamScore } from './model.js';

// Comments to classify, from a CSV file a shop exports (issue #7): a header row with AUTHOR and
// CONTENT (as the issue writes them), EMAIL and URL when known, any other column ignored. Read as
// a stream, so with `--no-adapt` a file of millions of comments is classified in constant memory
// (adapting to the file, the default, holds it whole: adapt.ts).

export const REQUIRED_COLUMNS = ['AUTHOR', 'CONTENT'] as const;

export interface CommentToClassify {
  /** 1 for the first row after the header; blank lines are not counted. */
  row: number;
  author: string;
  content: string;
  email?: string;
  url?: string;
}

export interface Classification {
  row: number;
  spam: boolean;
  /** The model's score, 0..1, rounded to 4 decimals. */
  score: number;
}

/** The file's comments, one at a time; a bad file or row throws CommentFileError naming the problem. */
export async function* commentsToClassify(path: string): AsyncGenerator<CommentToClassify> {
  const file = createReadStream(path);
  const records = parse(commentCsvOptions(REQUIRED_COLUMNS, path));
  // pipe() does not pass the file's errors (no such file) on: the loop below must see them.
  file.on('error', (error) => records.destroy(error));
  file.pipe(records);
  let row = 0;
  try {
    for await (const record of records as AsyncIterable<CommentRecord>) {
      row++;
      const comment: CommentToClassify = { row, author: record.AUTHOR!, content: record.CONTENT! };
      if (record.EMAIL) comment.email = record.EMAIL;
      if (record.URL) comment.url = record.URL;
      yield comment;
    }
  } catch (error) {
    throw commentFileError(error, path);
  } finally {
    file.destroy();
  }
  if (row === 0)
    throw new CommentFileError(`${path} has no comments (a header row with AUTHOR and CONTENT, then one per line)`);
}

/** Pure: the model's answer for one comment (its text only: the model does not use the author). */
export function classify(model: SpamModel, comment: CommentToClassify): Classification {
  const score = spamScore(model, features(comment.content));
  return { row: comment.row, spam: score >= SPAM_AT, score: Math.round(score * 10_000) / 10_000 };
}
