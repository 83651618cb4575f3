import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CsvError, type OptionsWithColumns, parse } from 'csv-parse/sync';
import { AppError } from '../../../platform/errors.js';
import { sha256 } from '../../../platform/hash.js';
import { features } from './features.js';
import type { Example } from './model.js';

// Comments with a known answer (spam or not), as CSV files with a header row: what the model is
// trained and evaluated on. The shipped ones are the TubeSpam / YouTube Spam Collection (CC BY 4.0,
// data/spam/README.md); any file with CONTENT and CLASS columns reads the same way.

/** The repository's root, from src/ and from dist/ alike (as DEFAULT_MODEL_FILE is found). */
export const REPOSITORY = fileURLToPath(new URL('../../../../', import.meta.url));

/** A comment file that cannot be used: missing, not CSV, a required column or value missing. */
export class CommentFileError extends AppError {
  readonly status = 400;
  readonly code = 'comment-file-invalid';
  readonly title = 'The comment file cannot be used';
}

export interface LabelledComment {
  content: string;
  author: string;
  /** As the file writes it (TubeSpam: ISO 8601 without a zone); null when the file has none. */
  date: string | null;
  spam: boolean;
}

/** A CSV row by column name. */
export type CommentRecord = Record<string, string>;

/**
 * The csv-parse options every comment file is read with: a header row that must name the required
 * columns (case-sensitive, as the files write them), a byte-order mark allowed, blank lines skipped.
 * Extra columns are read and ignored.
 */
export function commentCsvOptions(required: readonly string[], source: string): OptionsWithColumns<CommentRecord> {
  return {
    bom: true,
    skip_empty_lines: true,
    columns: (header: string[]) => {
      for (const column of required) {
        if (header.includes(column)) continue;
        const near = header.find((name) => name.trim().toUpperCase() === column);
        throw new CommentFileError(
          `${source} has no ${column} column${near === undefined ? '' : ` (it has "${near}": column names are case-sensitive)`}; ` +
            `it needs ${required.join(' and ')}, and has: ${header.join(', ') || '(nothing)'}`,
        );
      }
      return header;
    },
  };
}

/** csv-parse's own errors (a quote left open, a row with more fields than the header) in one line. */
export function commentFileError(error: unknown, source: string): Error {
  if (error instanceof CommentFileError) return error;
  const code = (error as CsvError | NodeJS.ErrnoException).code;
  if (typeof code === 'string' && code.startsWith('CSV_')) {
    return new CommentFileError(`${source} is not a CSV file we can read: ${(error as Error).message}`);
  }
  if (typeof code === 'string' && (error as NodeJS.ErrnoException).syscall) {
    return new CommentFileError(`cannot read ${source}: ${(error as Error).message}`);
  }
  return error as Error;
}

/** Pure: the rows of a labelled comment CSV (columns CONTENT and CLASS, 1 spam, 0 ham), in file order. */
export function parseLabelledComments(text: string, source: string): LabelledComment[] {
  let records: CommentRecord[];
  try {
    records = parse<CommentRecord>(text, commentCsvOptions(['CONTENT', 'CLASS'], source));
  } catch (error) {
    throw commentFileError(error, source);
  }
  if (records.length === 0) throw new CommentFileError(`${source} has no comments (a header row, then one per line)`);
  return records.map((record, i) => {
    const label = record.CLASS!.trim();
    if (label !== '1' && label !== '0') {
      throw new CommentFileError(`${source}, row ${i + 1}: CLASS is "${record.CLASS}", not 1 (spam) or 0 (ham)`);
    }
    return {
      content: record.CONTENT!,
      author: record.AUTHOR ?? '',
      date: record.DATE ? record.DATE : null,
      spam: label === '1',
    };
  });
}

export function readLabelledComments(path: string): LabelledComment[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw commentFileError(error, path);
  }
  return parseLabelledComments(text, path);
}

/** What the model learns from: the features of each comment's text (the author is not used). */
export function examples(comments: readonly LabelledComment[]): Example[] {
  return comments.map((c) => ({ features: features(c.content), spam: c.spam }));
}

/** The best of the twelve classifiers the collection's authors tried on a video, by MCC. */
export interface AuthorsBest {
  classifier: string;
  accuracy: number;
  recall: number;
  blockedHam: number;
  f1: number;
  mcc: number;
}

export interface Video {
  name: string;
  /** Relative to the repository's root, as the model file records it. */
  file: string;
  authorsBest: AuthorsBest;
}

// The authors' figures: Alberto, Lochter & Almeida, "TubeSpam: Comment Spam Filtering on YouTube",
// ICMLA 2015, doi:10.1109/ICMLA.2015.37; the per-video tables of github.com/tuliocasagrande/
// youtube-spam-experiment at commit 6fbb14a (exp1/results/*.tex), on the same 70/30 split as
// authorsSplit() in evaluate.ts. Quoted as numbers; the tables themselves have no licence.
// The fifth video (Shakira) is deliberately not shipped: it is kept unseen to test on.
export const YOUTUBE: readonly Video[] = [
  {
    name: 'Psy',
    file: 'data/spam/youtube/Youtube01-Psy.csv',
    authorsBest: { classifier: 'SVM RBF', accuracy: 0.9623, recall: 0.9434, blockedHam: 0.0189, f1: 0.962, mcc: 0.925 },
  },
  {
    name: 'KatyPerry',
    file: 'data/spam/youtube/Youtube02-KatyPerry.csv',
    authorsBest: { classifier: 'RandomForest', accuracy: 0.9434, recall: 0.8868, blockedHam: 0, f1: 0.94, mcc: 0.893 },
  },
  {
    name: 'LMFAO',
    file: 'data/spam/youtube/Youtube03-LMFAO.csv',
    authorsBest: { classifier: 'BernoulliNB', accuracy: 0.9773, recall: 0.9577, blockedHam: 0, f1: 0.978, mcc: 0.955 },
  },
  {
    name: 'Eminem',
    file: 'data/spam/youtube/Youtube04-Eminem.csv',
    authorsBest: {
      classifier: 'DecisionTree',
      accuracy: 0.9778,
      recall: 0.973,
      blockedHam: 0.0164,
      f1: 0.98,
      mcc: 0.955,
    },
  },
];

export interface VideoComments extends Video {
  sha256: string;
  comments: LabelledComment[];
}

/** The shipped collection, read from the repository (or another root holding the same paths). */
export function readYoutube(root = REPOSITORY): VideoComments[] {
  return YOUTUBE.map((video) => {
    const path = join(root, video.file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw commentFileError(error, path);
    }
    return { ...video, sha256: sha256(bytes), comments: parseLabelledComments(bytes.toString('utf8'), video.file) };
  });
}
