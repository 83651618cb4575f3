import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `marketgate spam` as a user runs it, in a child process. None of its commands needs a database:
// DATA_DIR names a directory that an embedded database would create, and none is.

const dir = mkdtempSync(join(tmpdir(), 'marketgate-spam-'));
const dataDir = join(dir, 'database');

function marketgate(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'spam', ...args], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

// Each command is a process that loads the CLI: a second or two each, more on a busy machine.
describe('marketgate spam', { timeout: 120_000 }, () => {
  it('classifies each row of a CSV as one JSON line, numbered from the first row after the header', () => {
    const csv = file(
      'comments.csv',
      '\uFEFFAUTHOR,CONTENT,EMAIL,RATING\n' +
        'Spammer,"CHECK OUT my channel, subscribe for free gift cards http://free-gifts.ly/win",spam@example.com,5\n' +
        '\n' +
        'Ana,"I love how the chorus builds up, such a good song",,4\n',
    );
    const { code, stdout, stderr } = marketgate(['classify', csv]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows.map((r) => [r.row, r.spam])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(Object.keys(rows[0])).toEqual(['row', 'spam', 'score']);
    expect(rows[0].score).toBeGreaterThan(0.5);
    expect(rows[1].score).toBeLessThan(0.5);
    expect(existsSync(dataDir)).toBe(false);
    // Without first adapting the model to the file: one comment at a time, the same answers here.
    const streamed = marketgate(['classify', '--no-adapt', csv]);
    expect(streamed.code).toBe(0);
    expect(
      streamed.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).spam),
    ).toEqual([true, false]);
  });

  it('names the missing column, case-sensitively, and exits non-zero', () => {
    const csv = file('lower.csv', 'AUTHOR,content\nAna,hello\n');
    const { code, stdout, stderr } = marketgate(['classify', csv]);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `marketgate: ${csv} has no CONTENT column (it has "content": column names are case-sensitive); it needs AUTHOR and CONTENT, and has: AUTHOR, content\n`,
    );
  });

  it('says when the file does not exist, and exits non-zero', () => {
    const { code, stderr } = marketgate(['classify', join(dir, 'missing.csv')]);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/^marketgate: cannot read .*missing\.csv: ENOENT/);
    expect(stderr.split('\n')).toHaveLength(2); // one line, no stack
  });

  it('evaluates the shipped model on a labelled file, in a table and as JSON', () => {
    const csv = file(
      'labelled.csv',
      'CONTENT,CLASS\n' +
        '"Subscribe to my channel for free iPhones http://win.gl/abc",1\n' +
        '"Check out my new music video, please subscribe!! www.mychannel.com",1\n' +
        'This song never gets old,0\n' +
        'The dance in this video is amazing,0\n',
    );
    const table = marketgate(['eval', csv]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/accuracy +precision +recall +blocked ham +F1 +MCC/);
    expect(table.stdout).toContain('4 (2+2)');
    const json = JSON.parse(marketgate(['eval', csv, '--json']).stdout);
    expect(json.files[0].metrics).toMatchObject({ comments: 4, spam: 2, ham: 2, accuracy: 1, mcc: 1 });
  });

  it('trains the shipped model again, byte for byte', () => {
    const out = join(dir, 'model.json');
    const { code, stdout } = marketgate(['train', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Trained on 1,586 comments from 4 files: [\d,]+ features; wrote .*model\.json\n$/);
    expect(readFileSync(out).equals(readFileSync('data/spam/model.json'))).toBe(true);
    expect(existsSync(dataDir)).toBe(false);
  });
});
