// Pure: postal code formats by country, for the countries our markets deliver to. A code is first
// normalised (trimmed, upper case, single spaces; the country's usual spacing restored), then
// matched. Countries not listed get a permissive check (3 to 12 letters, digits, spaces or
// hyphens). Formats are the national posts' published ones; where a post reserves a prefix (UK
// letters never used in a position, German 00xxx) the pattern refuses it.

export interface PostalFormat {
  /** What shoppers there call it. */
  label: string;
  example: string;
  pattern: RegExp;
  /** The canonical spelling of an upper-cased, single-spaced code. */
  canonical?: (code: string) => string;
  /** Not every address has one (Irish Eircodes are recent and many people do not know theirs). */
  optional?: boolean;
}

const compact = (code: string) => code.replace(/[\s-]/g, '');
/** Puts one space before the last `tail` characters: "K1A0B1" -> "K1A 0B1". */
const spaced = (tail: number) => (code: string) => {
  const c = compact(code);
  return c.length > tail ? `${c.slice(0, -tail)} ${c.slice(-tail)}` : c;
};
const withoutPrefix = (prefix: string) => (code: string) => code.replace(new RegExp(`^${prefix}-?\\s*`), '');
const digits = (n: number, example: string, label = 'postcode'): PostalFormat => ({
  label,
  example,
  pattern: new RegExp(`^\\d{${n}}$`),
  canonical: compact,
});

// Royal Mail's format: outward code (area, district) + inward code (sector, unit); the letters C I
// K M O V never end an inward code, Q V X never start a postcode. GIR 0AA is Girobank's.
const UK_POSTCODE =
  /^(GIR 0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2})$/;

export const POSTAL_FORMATS: Readonly<Record<string, PostalFormat>> = {
  US: {
    label: 'ZIP code',
    example: '94103 or 94103-1234',
    pattern: /^\d{5}(-\d{4})?$/,
    canonical: (c) => c.replace(/\s/g, ''),
  },
  // Canada Post: letter digit letter, space, digit letter digit; D F I O Q U are never used, W and Z never first.
  CA: {
    label: 'postal code',
    example: 'K1A 0B1',
    pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d$/,
    canonical: spaced(3),
  },
  GB: { label: 'postcode', example: 'SW1A 1AA', pattern: UK_POSTCODE, canonical: spaced(3) },
  // India Post PIN: six digits, the first (the postal zone) 1 to 9.
  IN: { label: 'PIN code', example: '110001', pattern: /^[1-9]\d{5}$/, canonical: compact },
  // Deutsche Post PLZ: five digits from 01001; 00 is not a leading pair in use.
  DE: { label: 'postcode (PLZ)', example: '10115', pattern: /^(?!00)\d{5}$/, canonical: compact },
  AT: { label: 'postcode', example: '1010', pattern: /^[1-9]\d{3}$/, canonical: withoutPrefix('A') },
  BE: { label: 'postcode', example: '1000', pattern: /^[1-9]\d{3}$/, canonical: withoutPrefix('B') },
  BG: digits(4, '1000'),
  CY: digits(4, '1010'),
  EE: digits(5, '10111'),
  ES: { label: 'postcode', example: '28001', pattern: /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/, canonical: compact },
  FI: { label: 'postcode', example: '00100', pattern: /^\d{5}$/, canonical: withoutPrefix('FI') },
  FR: digits(5, '75001'),
  GR: { label: 'postcode', example: '105 57', pattern: /^[1-8]\d{2} \d{2}$/, canonical: spaced(2) },
  HR: { label: 'postcode', example: '10000', pattern: /^[1-5]\d{4}$/, canonical: withoutPrefix('HR') },
  IE: {
    label: 'Eircode',
    example: 'D02 X285',
    pattern: /^([AC-FHKNPRTV-Y]\d{2}|D6W) [0-9AC-FHKNPRTV-Y]{4}$/,
    canonical: spaced(4),
    optional: true,
  },
  IT: digits(5, '00184', 'CAP'),
  LT: {
    label: 'postcode',
    example: 'LT-01100',
    pattern: /^LT-\d{5}$/,
    canonical: (c) => `LT-${compact(withoutPrefix('LT')(c))}`,
  },
  LU: {
    label: 'postcode',
    example: 'L-1009',
    pattern: /^L-\d{4}$/,
    canonical: (c) => `L-${compact(withoutPrefix('L')(c))}`,
  },
  LV: {
    label: 'postcode',
    example: 'LV-1050',
    pattern: /^LV-\d{4}$/,
    canonical: (c) => `LV-${compact(withoutPrefix('LV')(c))}`,
  },
  MT: { label: 'postcode', example: 'VLT 1117', pattern: /^[A-Z]{3} \d{4}$/, canonical: spaced(4) },
  NL: { label: 'postcode', example: '1012 AB', pattern: /^[1-9]\d{3} (?!SA|SD|SS)[A-Z]{2}$/, canonical: spaced(2) },
  PT: { label: 'postcode', example: '1100-148', pattern: /^[1-9]\d{3}-\d{3}$/, canonical: (c) => c.replace(/\s/g, '') },
  SI: { label: 'postcode', example: '1000', pattern: /^[1-9]\d{3}$/, canonical: withoutPrefix('SI') },
  SK: { label: 'postcode', example: '811 01', pattern: /^[089]\d{2} \d{2}$/, canonical: spaced(2) },
  JP: {
    label: 'postal code',
    example: '100-0001',
    pattern: /^\d{3}-\d{4}$/,
    canonical: (c) => compact(c).replace(/^(\d{3})(\d{4})$/, '$1-$2'),
  },
  KR: digits(5, '03187', 'postal code'),
  CN: digits(6, '100000', 'postal code'),
  AU: digits(4, '2000'),
};

const PERMISSIVE = /^[A-Z0-9][A-Z0-9 -]{1,10}[A-Z0-9]$/;

/** Trimmed, upper case, single spaces, and the country's canonical spacing. */
export function normalizePostalCode(code: string, country: string): string {
  const plain = code.trim().toUpperCase().replace(/\s+/g, ' ');
  return POSTAL_FORMATS[country]?.canonical?.(plain) ?? plain;
}

/** Whether the normalised code has the country's format (or a plausible one where we know none). */
export function isPostalCode(normalized: string, country: string): boolean {
  return (POSTAL_FORMATS[country]?.pattern ?? PERMISSIVE).test(normalized);
}
