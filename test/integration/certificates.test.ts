import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';

// The certificate registry over HTTP, on the demo scenario, on the demo's day.

let t: TestApp;
let admin: { authorization: string };
const clock = manualClock('2026-11-24T12:00:00Z');

beforeAll(async () => {
  t = await startTestApp({ listen: false, clock });
  admin = await t.tokenFor('admin');
});
afterAll(() => t.close());

interface Certificate {
  id: string;
  requirementCode: string;
  identifier: string | null;
  status: string;
  expiresOn: string | null;
  expiringSoon: boolean;
  coverage: Array<{ productId: string; slug: string; variantId: string | null; sku: string | null }>;
  documents: Array<{ id: string; filename: string; size: number; sha256: string }>;
}

function inject(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return t.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
}

async function list(query = ''): Promise<Certificate[]> {
  const res = await inject('GET', `/api/admin/certificates${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().certificates;
}

function postCsv(csv: string) {
  return t.inject({
    method: 'POST',
    url: '/api/admin/certificates/import',
    headers: { ...admin, 'content-type': 'text/csv; charset=utf-8' },
    payload: csv,
  });
}

function upload(id: string, content: Buffer, headers: Record<string, string> = {}, query = '?filename=grant.pdf') {
  return t.inject({
    method: 'POST',
    url: `/api/admin/certificates/${id}/documents${query}`,
    headers: { ...admin, 'content-type': 'application/pdf', ...headers },
    payload: content,
  });
}

const grant = (overrides: Record<string, unknown> = {}) => ({
  requirementCode: 'US.FCC.CERTIFICATION',
  identifier: 'FCC ID: 9mgte-mi4phone',
  holder: 'Mi Global Ltd.',
  issuedBy: 'Cascade Certification Body, Inc. (FCC-recognised TCB)',
  issuedOn: '2026-10-01',
  coverage: [{ product: 'mi-4' }],
  ...overrides,
});

const HEADER = 'requirement_code,identifier,holder,issued_by,issued_on,expires_on,status,products,variants,notes';

describe('certificate registry: the demo scenario', () => {
  it('leaves the phone and the tablet without any US evidence, though certified at home', async () => {
    const us = (c: Certificate) => c.requirementCode.startsWith('US.');
    expect((await list('?product=mi-4')).filter(us)).toEqual([]);
    expect((await list('?product=mi-pad')).filter(us)).toEqual([]);
    expect((await list('?product=mi-4&requirement=CN.SRRC'))[0]).toMatchObject({ identifier: '25J99M7GB101' });
  });

  it('gives the band its FCC grant, stored normalised, covering every variant', async () => {
    const [fcc] = await list('?product=mi-band&requirement=US.FCC.CERTIFICATION');
    expect(fcc).toMatchObject({
      identifier: '9MGTE-MIBAND',
      status: 'valid',
      coverage: [{ slug: 'mi-band', variantId: null, sku: null }],
    });
  });

  it('warns of the one certificate that expires within 30 days', async () => {
    const soon = (await list()).filter((c) => c.expiringSoon);
    expect(soon.map((c) => [c.requirementCode, c.expiresOn])).toEqual([['US.STATE.STUFFED_TOY', '2026-12-15']]);
    expect((await list('?expiringWithinDays=30')).map((c) => c.id)).toEqual(soon.map((c) => c.id));
    expect(await list('?expiringWithinDays=20')).toEqual([]);
  });

  it('gives the verdict the evidence for many products in one call, coverage limited to them', async () => {
    const products = await t.platform.services.catalog.listProducts();
    const id = (slug: string) => products.find((p) => p.slug === slug)!.id;
    const evidence = await t.platform.services.certificates.evidenceFor([id('mi-band'), id('mi-4')]);
    const us = evidence.filter((e) => e.requirementCode.startsWith('US.'));
    expect(new Set(us.map((e) => e.requirementCode))).toEqual(
      new Set(['US.FCC.CERTIFICATION', 'US.FCC.SAR', 'US.DOE.BC', 'US.CEC.T20', 'US.CA.PROP65']),
    );
    // The Prop 65 assessment covers five products; the verdict sees only the band's line.
    const prop65 = us.find((e) => e.requirementCode === 'US.CA.PROP65')!;
    expect(prop65.coverage).toEqual([{ productId: id('mi-band'), variantId: null }]);
  });
});

describe('certificate registry: recording certificates', () => {
  let id: string;

  it('records a certificate, normalising the identifier, and reads it back', async () => {
    const res = await inject(
      'POST',
      '/api/admin/certificates',
      grant({ coverage: [{ product: 'mi-4', variant: 'MI4-64GB-BLK' }] }),
    );
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      requirementCode: 'US.FCC.CERTIFICATION',
      identifier: '9MGTE-MI4PHONE',
      status: 'valid',
      expiresOn: null,
      notes: '',
      expiringSoon: false,
      documents: [],
      coverage: [{ slug: 'mi-4', sku: 'MI4-64GB-BLK' }],
    });
    id = created.id;
    expect((await inject('GET', `/api/admin/certificates/${id}`)).json()).toEqual(created);
  });

  it('changes fields and replaces the coverage', async () => {
    const res = await inject('PATCH', `/api/admin/certificates/${id}`, {
      status: 'suspended',
      notes: 'Grant dismissed by the TCB pending a retest',
      coverage: [{ product: 'mi-4' }, { product: 'mi-pad', variant: 'MIPAD-64GB-WHT' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'suspended',
      identifier: '9MGTE-MI4PHONE',
      coverage: [
        { slug: 'mi-4', sku: null },
        { slug: 'mi-pad', sku: 'MIPAD-64GB-WHT' },
      ],
    });
    expect((await list('?status=suspended')).map((c) => c.id)).toEqual([id]);
  });

  it('answers 409 for a second certificate with the same requirement and identifier', async () => {
    const res = await inject('POST', '/api/admin/certificates', grant({ identifier: '9MGTE-MI4PHONE' }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ status: 409, errors: [{ field: 'identifier' }] });
  });

  it('deletes a certificate and answers 404 afterwards', async () => {
    expect((await inject('DELETE', `/api/admin/certificates/${id}`)).statusCode).toBe(204);
    expect((await inject('GET', `/api/admin/certificates/${id}`)).statusCode).toBe(404);
    expect((await inject('DELETE', `/api/admin/certificates/${id}`)).statusCode).toBe(404);
  });

  it('refuses an FCC ID that is not in the FCC format, naming the identifier', async () => {
    const res = await inject('POST', '/api/admin/certificates', grant({ identifier: 'B0G-MI4' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'identifier', message: expect.stringContaining('is not a valid FCC ID') },
    ]);
  });

  it('requires an identifier when the rule names its format', async () => {
    const { identifier: _, ...without } = grant();
    const res = await inject('POST', '/api/admin/certificates', without);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'identifier', message: expect.stringContaining('is required') }]);
  });

  it('refuses a requirement code that no loaded rule file has', async () => {
    const unknown = await inject('POST', '/api/admin/certificates', grant({ requirementCode: 'US.FCC.SDOC_ONLY' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { field: 'requirementCode', message: expect.stringContaining('unknown requirement') },
    ]);
    const jurisdiction = await inject('POST', '/api/admin/certificates', grant({ requirementCode: 'ZZ.NOTHING' }));
    expect(jurisdiction.json().errors[0]).toMatchObject({ field: 'requirementCode' });
  });

  it('requires an expiry date when the evidence expires, and one after the day of issue', async () => {
    const doe = { requirementCode: 'US.DOE.BC', identifier: 'CCMS-BC-MI4' };
    const missing = await inject('POST', '/api/admin/certificates', grant(doe));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ field: 'expiresOn', message: expect.stringContaining('is required') }]);
    const before = await inject('POST', '/api/admin/certificates', grant({ ...doe, expiresOn: '2026-10-01' }));
    expect(before.json().errors).toEqual([
      { field: 'expiresOn', message: 'must be after the issue date (2026-10-01)' },
    ]);
  });

  it('names each unknown product or variant of the coverage', async () => {
    const res = await inject(
      'POST',
      '/api/admin/certificates',
      grant({
        coverage: [{ product: 'mi-4' }, { product: 'hoverboard' }, { product: 'mi-pad', variant: 'MI4-16GB-BLK' }],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'coverage.1.product',
      'coverage.2.variant',
    ]);
  });

  it('answers 400 for a malformed date and an unknown status', async () => {
    const res = await inject('POST', '/api/admin/certificates', grant({ issuedOn: '2026-02-30', status: 'pending' }));
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['issuedOn', 'status']);
  });

  it('announces every write on the change feed', async () => {
    const heard: string[] = [];
    const stop = t.platform.changes.subscribe((topic) => heard.push(topic));
    const created = (await inject('POST', '/api/admin/certificates', grant({ identifier: '9MGTE-FEED' }))).json();
    await inject('DELETE', `/api/admin/certificates/${created.id}`);
    stop();
    expect(heard).toEqual(['certificates', 'certificates']);
  });

  it('lets a merchandiser read but not write', async () => {
    const merchandiser = await t.tokenFor('merchandiser');
    const read = await t.inject({ method: 'GET', url: '/api/admin/certificates', headers: merchandiser });
    expect(read.statusCode).toBe(200);
    const write = await t.inject({
      method: 'POST',
      url: '/api/admin/certificates',
      headers: merchandiser,
      payload: grant(),
    });
    expect(write.statusCode).toBe(403);
    const csv = await t.inject({
      method: 'POST',
      url: '/api/admin/certificates/import',
      headers: { ...merchandiser, 'content-type': 'text/csv' },
      payload: `${HEADER}\n`,
    });
    expect(csv.statusCode).toBe(403);
  });
});

describe('certificate registry: CSV', () => {
  const good = 'US.FCC.CERTIFICATION,9MGTE-MIPADW,Mi Global Ltd.,Cascade Certification Body,2026-09-01,,valid,mi-pad,,';
  const sar =
    'US.FCC.SAR,HPL-SAR-26-MIPAD,Mi Global Ltd.,Harbor Point EMC Laboratory,2026-09-01,,,mi-pad;mi-4,MIPAD-16GB-WHT,"SAR report, 1.19 W/kg"';

  it('imports nothing when one row has a bad FCC ID, naming its row and column', async () => {
    const before = (await list()).length;
    const bad = 'US.FCC.CERTIFICATION,B0G-PAD,Mi Global Ltd.,Cascade Certification Body,2026-09-01,,valid,mi-pad,,';
    const res = await postCsv([HEADER, good, bad, sar].join('\n'));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'row 3: identifier', message: expect.stringContaining('FCC ID') }]);
    expect((await list()).length).toBe(before);
  });

  it('names every problem of every row at once', async () => {
    const rows = [
      'US.NOPE,X,Mi Global Ltd.,Lab,2026-09-01,,valid,mi-pad,,',
      'US.DOE.BC,CCMS-1,Mi Global Ltd.,DOE,2026-13-01,,valid,mi-pad,,',
      'US.FCC.SAR,R-2,Mi Global Ltd.,Lab,2026-09-01,,valid,hoverboard,,',
      'US.FCC.SAR,R-3,Mi Global Ltd.,Lab,2026-09-01,,valid,mi-pad,MI4-16GB-BLK,',
      good,
      good,
    ];
    const res = await postCsv([HEADER, ...rows].join('\n'));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'row 2: requirement_code',
      'row 3: issued_on',
      'row 4: products',
      'row 5: variants',
      'row 7: identifier',
    ]);
  });

  it('refuses a file whose header lacks a required column or has an unknown one', async () => {
    const res = await postCsv('requirement_code,holder,issued_on,colour\nUS.FCC.SAR,Mi,2026-01-01,red\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'header: colour',
      'header: issued_by',
      'header: products',
    ]);
  });

  it('imports a clean file in one go', async () => {
    const res = await postCsv(`\uFEFF${[HEADER, good, sar].join('\r\n')}\r\n`);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ imported: 2 });
    const [imported] = await list('?requirement=US.FCC.SAR&product=mi-4');
    expect(imported).toMatchObject({
      identifier: 'HPL-SAR-26-MIPAD',
      status: 'valid',
      coverage: [
        { slug: 'mi-4', sku: null },
        { slug: 'mi-pad', sku: 'MIPAD-16GB-WHT' },
      ],
    });
  });

  it('refuses to import a certificate that is already on file', async () => {
    const res = await postCsv([HEADER, good].join('\n'));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'row 2: identifier', message: expect.stringContaining('already on file') },
    ]);
  });

  it('reads a file in the charset it names, and refuses bytes that are not text in it', async () => {
    const row =
      'US.FCC.SAR,HPL-SAR-LATIN1,M\u00fcller GmbH,Harbor Point EMC Laboratory,2026-09-01,,,mi-pad,,Pr\u00fcfbericht';
    const latin1 = Buffer.from(`${HEADER}\n${row}\n`, 'latin1');
    const post = (contentType: string) =>
      t.inject({
        method: 'POST',
        url: '/api/admin/certificates/import',
        headers: { ...admin, 'content-type': contentType },
        payload: latin1,
      });
    const unsaid = await post('text/csv');
    expect(unsaid.statusCode).toBe(400);
    expect(unsaid.json().errors).toEqual([{ field: 'body', message: expect.stringContaining('is not utf-8 text') }]);
    expect((await post('text/csv; charset=klingon')).json().errors[0].field).toBe('Content-Type');
    const said = await post('text/csv; charset=iso-8859-1');
    expect(said.json()).toEqual({ imported: 1 });
    const [stored] = (await list('?requirement=US.FCC.SAR&product=mi-pad')).filter(
      (c) => c.identifier === 'HPL-SAR-LATIN1',
    );
    expect(stored).toMatchObject({ holder: 'M\u00fcller GmbH', notes: 'Pr\u00fcfbericht' });
  });

  it('exports CSV that imports back to the same registry, with formulas opened as text', async () => {
    const [first] = await list();
    const formula = '=HYPERLINK("http://evil.example","open me")';
    expect((await inject('PATCH', `/api/admin/certificates/${first!.id}`, { notes: formula })).statusCode).toBe(200);
    const exported = await inject('GET', '/api/admin/certificates/export');
    expect(exported.body).toContain(`"'=HYPERLINK(""http://evil.example"",""open me"")"`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['content-disposition']).toBe('attachment; filename=certificates.csv');
    const csv = exported.body;
    expect(csv.split('\n')[0]).toBe(HEADER);
    expect(csv).toContain(
      'US.FCC.SAR,HPL-SAR-26-MIPAD,Mi Global Ltd.,Harbor Point EMC Laboratory,2026-09-01,,valid,mi-4;mi-pad,MIPAD-16GB-WHT,"SAR report, 1.19 W/kg"',
    );

    const all = await list();
    for (const c of all) expect((await inject('DELETE', `/api/admin/certificates/${c.id}`)).statusCode).toBe(204);
    const reimported = await postCsv(csv);
    expect(reimported.json()).toEqual({ imported: all.length });
    expect((await inject('GET', '/api/admin/certificates/export')).body).toBe(csv);
  });
});

describe('certificate registry: documents', () => {
  // A PDF header followed by every byte value, so that any re-encoding would show.
  const pdf = Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    Buffer.from('\n%%EOF\n'),
  ]);
  let certificate: Certificate;

  beforeAll(async () => {
    certificate = (await list('?product=mi-band&requirement=US.FCC.CERTIFICATION'))[0]!;
  });

  it('stores a PDF with its SHA-256 and gives back the identical bytes', async () => {
    const res = await upload(certificate.id, pdf);
    expect(res.statusCode).toBe(201);
    const document = res.json();
    expect(document).toMatchObject({
      filename: 'grant.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    const [listed] = await list('?product=mi-band&requirement=US.FCC.CERTIFICATION');
    expect(listed!.documents).toEqual([document]);

    const download = await inject('GET', `/api/admin/certificates/${certificate.id}/documents/${document.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe('attachment; filename=grant.pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('takes the filename from Content-Disposition, without any path', async () => {
    const res = await upload(
      certificate.id,
      pdf,
      { 'content-disposition': 'attachment; filename="../../etc/test report.pdf"' },
      '',
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().filename).toBe('test report.pdf');
  });

  it('refuses a file that is not a PDF', async () => {
    const res = await upload(certificate.id, Buffer.from('<html>not a pdf</html>'));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'body', message: expect.stringContaining('%PDF-') }]);
  });

  it('refuses a document over 10 MiB with 413', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    pdf.copy(big);
    const res = await upload(certificate.id, big);
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers 404 for a document of an unknown certificate', async () => {
    const res = await upload('00000000-0000-4000-8000-000000000000', pdf);
    expect(res.statusCode).toBe(404);
  });

  it('deletes a document', async () => {
    const [{ documents }] = (await list('?product=mi-band&requirement=US.FCC.CERTIFICATION')) as [Certificate];
    const url = `/api/admin/certificates/${certificate.id}/documents/${documents[0]!.id}`;
    expect((await inject('DELETE', url)).statusCode).toBe(204);
    expect((await inject('GET', url)).statusCode).toBe(404);
  });
});
