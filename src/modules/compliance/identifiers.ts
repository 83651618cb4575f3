// Certificate identifier formats, by scheme. Sources: ../shared/reference/regulatory.md section 11
// (47 CFR 2.926 and the FCC grantee-code rules for FCC IDs; the other formats with the confidence
// noted there). Identifiers are normalised (trimmed, uppercased, label prefix removed) first.

export interface IdentifierFormat {
  name: string;
  example: string;
  /** Matched against the normalised identifier. */
  pattern: RegExp;
  /** Label prefixes printed before the identifier, removed by normalisation. */
  prefixes: string[];
}

export const IDENTIFIER_FORMATS = {
  'fcc-id': {
    name: 'FCC ID: grantee code (3 characters from a letter, or 5 from a digit 2-9; no 0 or 1) and product code',
    example: '2AB3C-MIBAND7',
    pattern: /^(?:[A-Z][A-Z2-9]{2}|[2-9][A-Z2-9]{4})(?=[A-Z0-9-]{1,14}$)-?[A-Z0-9]+(?:-[A-Z0-9]+)*$/,
    prefixes: ['FCC ID:'],
  },
  'ised-cert': {
    name: 'ISED certification number: company number, hyphen, unique product number',
    example: '12345A-MIBAND7',
    pattern: /^[0-9A-Z]{1,6}-[0-9A-Z]{1,11}$/,
    prefixes: ['IC:'],
  },
  'jp-giteki': {
    name: 'Japan radio conformity (giteki): body code and certificate number',
    example: '001-A12345',
    pattern: /^R?\s?\d{3}-[0-9A-Z]{6}$/,
    prefixes: [],
  },
  'cmiit-id': {
    name: 'China SRRC CMIIT ID: legacy YYYYXXNNNN or the AABCCDDDEEEE form (from 1 Dec 2023)',
    example: '2023DJ1234',
    pattern: /^(?:\d{4}[A-Z]{2}\d{4}|\d{2}[A-Z]\d{2}[0-9A-Z]{3}[A-HJ-NP-Z]\d{3})$/,
    prefixes: ['CMIIT ID:'],
  },
  'kc-radio': {
    name: 'Korea KC radio (RRA) registration: R-C/R-R/R-I, applicant code, product code (or legacy MSIP/KCC forms)',
    example: 'R-C-MIX-BAND7',
    pattern:
      /^(?:R-[CRI]S?-[A-Z0-9]{3}-[A-Z0-9_-]{1,14}|(?:MSIP|KCC|R)-[CRI][RTEM][MIS]-[A-Z0-9]{3}-[A-Z0-9_-]{1,14})$/,
    prefixes: [],
  },
  'bis-r-number': {
    name: 'India BIS CRS registration number: R- and 8 digits',
    example: 'R-41001234',
    pattern: /^R-?\d{8}$/,
    prefixes: [],
  },
  'bis-isi-licence': {
    name: 'India BIS ISI licence: CM/L- and 7 to 10 digits',
    example: 'CM/L-1234567',
    pattern: /^CM\/L-\d{7,10}$/,
    prefixes: [],
  },
  'eu-notified-body': {
    name: 'EU notified body number: 4 digits',
    example: '0700',
    pattern: /^\d{4}$/,
    prefixes: [],
  },
} satisfies Record<string, IdentifierFormat>;

export type IdentifierScheme = keyof typeof IDENTIFIER_FORMATS;

export function normaliseIdentifier(scheme: IdentifierScheme, raw: string): string {
  let value = raw.trim().toUpperCase();
  for (const prefix of IDENTIFIER_FORMATS[scheme].prefixes) {
    if (value.startsWith(prefix)) value = value.slice(prefix.length).trim();
  }
  return value;
}

/** undefined when valid, else what is wrong, for a field-level error. */
export function identifierProblem(scheme: IdentifierScheme, raw: string): string | undefined {
  const format = IDENTIFIER_FORMATS[scheme];
  if (format.pattern.test(normaliseIdentifier(scheme, raw))) return undefined;
  return `"${raw}" is not a valid ${format.name} (e.g. ${format.example})`;
}
