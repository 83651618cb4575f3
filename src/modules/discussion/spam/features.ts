// Pure: what the spam model sees of a comment. Chosen by measurement on the TubeSpam videos (the
// study is summed up in issue #7's notes): binary word and character 3-5-gram features, with every
// link folded into one token and a few coarse signals the words miss. The author's name is not
// used: it added nothing.

const ENTITIES: Record<string, string> = {
  '&quot;': '"',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/** Links as spammers write them: schemes, www., bare domains of common TLDs, YouTube paths. */
const LINK =
  /(https?:\/\/\S+|www\.\S+|\b[a-z0-9-]+\.(?:com|net|org|ly|gl|be|co|info|me|tk|us|uk|de|ru)\b\S*|\/watch\?v=\S+)/gi;
const WORD = /[\p{L}\p{N}]+/gu;
const EMOJI = /[\u{1F300}-\u{1FAFF}\u2600-\u27BF]/u;

/** Comment text as shown: HTML line breaks and links unwrapped, tags dropped, entities decoded. */
export function plainText(raw: string): string {
  return raw
    .replace(/\uFEFF/g, '')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<a [^>]*href="([^"]*)"[^>]*>[^<]*<\/a>/gi, ' $1 ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(quot|amp|lt|gt|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Coarse facts about the text: how many links, how long, how shouty, how many digits, HTML links, emoji. */
export function signals(raw: string, text: string): string[] {
  const links = text.match(LINK)?.length ?? 0;
  const letters = text.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length / (letters.length || 1);
  const length = text.length < 20 ? 0 : text.length < 50 ? 1 : text.length < 100 ? 2 : text.length < 200 ? 3 : 4;
  const caps = letters.length < 8 ? 'na' : upper > 0.6 ? 'hi' : upper > 0.25 ? 'mid' : 'lo';
  const digits = Math.min((text.match(/\d/g)?.length ?? 0) >> 2, 3);
  const found = [`links=${Math.min(links, 3)}`, `len=${length}`, `caps=${caps}`, `digits=${digits}`];
  if (/<a /i.test(raw)) found.push('html-link');
  if (EMOJI.test(text)) found.push('emoji');
  return found;
}

/** The features of a comment: present or not, each once. */
export function features(raw: string): Set<string> {
  const text = plainText(raw);
  const lower = text.toLowerCase().replace(LINK, ' zzlink ');
  const found = new Set<string>();
  for (const word of lower.match(WORD) ?? []) found.add(`w:${word}`);
  const padded = ` ${lower.replace(/\p{N}/gu, '0')} `;
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= padded.length; i++) found.add(`c:${padded.slice(i, i + n)}`);
  }
  for (const signal of signals(raw, text)) found.add(`s:${signal}`);
  return found;
}
