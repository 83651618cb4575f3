import { describe, expect, it } from 'vitest';
import { features, plainText, signals } from './features.js';

describe('spam features', () => {
  it('reads comments as shown: breaks, links, tags and entities', () => {
    expect(plainText('\uFEFFHi<br/>see <a href="http://x.ly/a">here</a> &amp; <b>bye</b>')).toBe(
      'Hi see http://x.ly/a & bye',
    );
  });

  it('folds every kind of link into one token, and counts them', () => {
    const found = features('Check www.example.com and https://bit.ly/x and mysite.com/free');
    expect(found.has('w:zzlink')).toBe(true);
    expect([...found].filter((f) => f.startsWith('w:')).some((f) => f.includes('bit'))).toBe(false);
    expect(found.has('s:links=3')).toBe(true);
  });

  it('takes words and character 3- to 5-grams, digits as 0, and the coarse signals', () => {
    const found = features('WIN 1000 NOW');
    expect(found.has('w:win')).toBe(true);
    expect(found.has('c:000')).toBe(true);
    expect(found.has('c: win')).toBe(true);
    expect(found.has('c:win 0')).toBe(true);
    expect(found.has('c:winn')).toBe(false);
    expect(signals('WIN 1000 NOW', 'WIN 1000 NOW')).toEqual(['links=0', 'len=0', 'caps=na', 'digits=1']);
    expect(signals('LOOK AT THIS VIDEO NOW', 'LOOK AT THIS VIDEO NOW')).toContain('caps=hi');
  });
});
