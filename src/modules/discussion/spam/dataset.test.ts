import { describe, expect, it } from 'vitest';
import { CommentFileError, parseLabelledComments, readYoutube } from './dataset.js';

describe('labelled comment files', () => {
  it('reads rows in file order, with a byte-order mark, extra columns and a missing date', () => {
    const text =
      '\uFEFFCOMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\nx1,Ana,2015-05-28T21:39:52,"Check my channel, http://a.co",1\nx2,Bo,,nice song,0\n';
    expect(parseLabelledComments(text, 'f.csv')).toEqual([
      { content: 'Check my channel, http://a.co', author: 'Ana', date: '2015-05-28T21:39:52', spam: true },
      { content: 'nice song', author: 'Bo', date: null, spam: false },
    ]);
  });

  it('needs only CONTENT and CLASS', () => {
    expect(parseLabelledComments('CONTENT,CLASS\nhi,0\n', 'f.csv')).toEqual([
      { content: 'hi', author: '', date: null, spam: false },
    ]);
  });

  it('names a missing column, and says when only its case differs', () => {
    expect(() => parseLabelledComments('content,CLASS\nhi,0\n', 'f.csv')).toThrow(
      'f.csv has no CONTENT column (it has "content": column names are case-sensitive); it needs CONTENT and CLASS, and has: content, CLASS',
    );
    expect(() => parseLabelledComments('CONTENT\nhi\n', 'f.csv')).toThrow(/no CLASS column/);
  });

  it('refuses a label other than 1 or 0, a broken CSV, and a file without comments', () => {
    expect(() => parseLabelledComments('CONTENT,CLASS\nhi,spam\n', 'f.csv')).toThrow(
      'f.csv, row 1: CLASS is "spam", not 1 (spam) or 0 (ham)',
    );
    expect(() => parseLabelledComments('CONTENT,CLASS\n"hi,0\n', 'f.csv')).toThrow(CommentFileError);
    expect(() => parseLabelledComments('CONTENT,CLASS\n', 'f.csv')).toThrow(/no comments/);
  });
});

describe('the shipped YouTube Spam Collection', () => {
  it('has the four videos with the counts and checksums of data/spam/README.md', () => {
    const videos = readYoutube();
    expect(videos.map((v) => [v.name, v.comments.filter((c) => c.spam).length, v.comments.length])).toEqual([
      ['Psy', 175, 350],
      ['KatyPerry', 175, 350],
      ['LMFAO', 236, 438],
      ['Eminem', 245, 448],
    ]);
    expect(videos.map((v) => v.sha256.slice(0, 12))).toEqual([
      '19797e6c7769',
      '902c614f8ef2',
      '702ef589860a',
      '92f54eb6b22f',
    ]);
  });
});
