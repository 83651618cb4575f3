import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { SHOTS, useBrowserApp } from '../support/browser.js';
import { logIn } from './login.js';

// The certificate registry in the staff console. The demo's clock stands on 2026-11-24, so the plush toy's
// US state registration (expires 2026-12-15) is the one certificate that runs out within 30 days. Every
// test leaves the registry as it found it: the app is shared by the tests of this file.

const CSV_HEADER = 'requirement_code,identifier,holder,issued_by,issued_on,products';

describe('certificates page', () => {
  const h = useBrowserApp();
  let app: TestApp;
  let page: Page;
  beforeEach(() => {
    ({ app, page } = h);
  });

  const table = () => page.getByRole('table', { name: 'Certificates' });
  const row = (identifier: string) =>
    table()
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: new RegExp(identifier) }) });
  /** The page with the registry loaded. */
  async function open() {
    await logIn(page, app.url, app.initialAdmin, '/admin/certificates');
    await row('STUFFED-TOY-MIGL-2026').waitFor();
  }
  const count = () => table().locator('tbody tr').count();

  async function deleteRow(identifier: string) {
    await row(identifier).getByRole('button', { name: 'Delete' }).click();
    await row(identifier).getByRole('button', { name: 'Delete' }).click(); // the confirmation
    await row(identifier).waitFor({ state: 'detached' });
  }

  it("warns that the plush toy's US state registration expires within 30 days", async () => {
    await open();
    const warning = page.getByRole('region', { name: 'One certificate expires within 30 days' });
    await warning.getByText('STUFFED-TOY-MIGL-2026').waitFor();
    await warning.locator('time[datetime="2026-12-15"]').waitFor();
    await warning.getByText('Mi Bunny Plush').waitFor();

    await page.getByLabel('Expiring within 30 days').check();
    await expect.poll(count, { timeout: 5000 }).toBe(1);
    await row('STUFFED-TOY-MIGL-2026').getByText('Expires soon').waitFor();
    expect(new URL(page.url()).searchParams.get('expiring')).toBe('1');

    await page.getByLabel('Expiring within 30 days').uncheck();
    await page.getByLabel('Product', { exact: true }).fill('bunny');
    await expect.poll(count, { timeout: 5000 }).toBe(8);
    await page.screenshot({ path: `${SHOTS}/admin-certificates.png`, fullPage: true });

    await warning.getByRole('button', { name: 'Open US.STATE.STUFFED_TOY STUFFED-TOY-MIGL-2026' }).click();
    const editor = page.getByRole('region', { name: 'US.STATE.STUFFED_TOY STUFFED-TOY-MIGL-2026' });
    expect(await editor.getByLabel('Expires on').inputValue()).toBe('2026-12-15');
    expect(await editor.getByLabel('Mi Bunny Plush', { exact: true }).isChecked()).toBe(true);
  });

  it('shows the FCC ID format error next to the identifier, and records the certificate once it is fixed', async () => {
    await open();
    const before = await count();
    await page.getByRole('button', { name: 'New certificate' }).click();
    const form = page.getByRole('form', { name: 'Record a certificate' });
    await form.getByLabel('Requirement code').fill('US.FCC.CERTIFICATION');
    // A grantee code never begins with 1 (47 CFR 2.926): the server says so about this field.
    await form.getByLabel('Identifier').fill('1AB3C-MI4');
    await form.getByLabel('Holder').fill('Mi Global Ltd.');
    await form.getByLabel('Issued by').fill('Cascade Certification Body, Inc.');
    await form.getByLabel('Issued on').fill('2026-11-02');
    await form.getByLabel('Mi 4', { exact: true }).check();
    await form.getByRole('button', { name: 'Record certificate' }).click();

    await form.getByRole('alert').getByText('One field needs a change').waitFor();
    await form.getByText(/"1AB3C-MI4" is not a valid FCC ID/).waitFor();
    const identifier = form.getByLabel('Identifier');
    expect(await identifier.getAttribute('aria-invalid')).toBe('true');
    expect(await count()).toBe(before);

    await identifier.fill('fcc id: 2ab3c-mi4');
    await form.getByRole('button', { name: 'Record certificate' }).click();
    // Stored normalised, and opened under its own id so its documents can follow.
    const editor = page.getByRole('region', { name: 'US.FCC.CERTIFICATION 2AB3C-MI4' });
    await editor.getByRole('status').getByText('Saved.').waitFor();
    await row('2AB3C-MI4').getByText('Mi 4').waitFor();
    expect(await count()).toBe(before + 1);

    await deleteRow('2AB3C-MI4');
    expect(await count()).toBe(before);
  });

  it('attaches a PDF to a certificate, offers it for download, and deletes it', async () => {
    await open();
    await row('STUFFED-TOY-MIGL-2026')
      .getByRole('button', { name: /^Edit / })
      .click();
    const editor = page.getByRole('region', { name: 'US.STATE.STUFFED_TOY STUFFED-TOY-MIGL-2026' });
    const documents = editor.getByRole('region', { name: 'Documents' });
    await documents.getByText('No documents yet.').waitFor();

    const pdf = Buffer.from('%PDF-1.7\n% registration PA 26-04417\n%%EOF\n', 'latin1');
    await documents
      .getByLabel(/PDF document/)
      .setInputFiles({ name: 'pa-registration.pdf', mimeType: 'application/pdf', buffer: pdf });
    await documents.getByRole('button', { name: 'Upload' }).click();
    const link = documents.getByRole('link', { name: 'pa-registration.pdf' });
    await link.waitFor();
    await row('STUFFED-TOY-MIGL-2026').getByText('1 PDF').waitFor();

    const download = await page.request.get(`${app.url}${await link.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(pdf)).toBe(true);

    await documents.getByRole('button', { name: 'Delete' }).click();
    await documents.getByRole('button', { name: 'Delete' }).click(); // the confirmation
    await documents.getByText('No documents yet.').waitFor();
  });

  it('imports nothing from a CSV with one bad row and names the row; a clean file is imported whole', async () => {
    await open();
    const before = await count();
    const csvPanel = page.getByRole('region', { name: 'Import and export' });
    const importFile = (csv: string) =>
      csvPanel
        .getByLabel('CSV file')
        .setInputFiles({ name: 'grants.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    await importFile(
      [
        CSV_HEADER,
        'US.FCC.CERTIFICATION,2AB3C-MIPAD,Mi Global Ltd.,Cascade Certification Body,2026-10-01,mi-pad',
        'US.FCC.CERTIFICATION,1XX-MIPAD,Mi Global Ltd.,Cascade Certification Body,2026-10-01,mi-pad',
      ].join('\n'),
    );
    await csvPanel.getByRole('button', { name: 'Import', exact: true }).click();
    const problem = csvPanel.getByRole('alert');
    await problem.getByText(/^Nothing imported/).waitFor();
    await problem
      .getByRole('listitem')
      .filter({ hasText: 'row 3: identifier' })
      .getByText(/not a valid FCC ID/)
      .waitFor();
    expect(await problem.getByRole('listitem').count()).toBe(1);
    expect(await count()).toBe(before);
    expect(await row('2AB3C-MIPAD').count()).toBe(0);

    await importFile(
      [CSV_HEADER, 'US.FCC.CERTIFICATION,2AB3C-MIPAD,Mi Global Ltd.,Cascade Certification Body,2026-10-01,mi-pad'].join(
        '\n',
      ),
    );
    await csvPanel.getByRole('button', { name: 'Import', exact: true }).click();
    await csvPanel.getByRole('status').getByText('Imported 1 certificate.').waitFor();
    await row('2AB3C-MIPAD').getByText('Mi Pad').waitFor();

    await deleteRow('2AB3C-MIPAD');
    expect(await count()).toBe(before);
  });

  it('a merchandiser reads the registry but cannot change it', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/users',
      payload: { email: 'mona@example.com', name: 'Mona Merch', role: 'merchandiser' },
    });
    expect(created.statusCode).toBe(201);
    const { password } = created.json() as { password: string };
    await logIn(page, app.url, { email: 'mona@example.com', password }, '/admin/certificates');

    await row('STUFFED-TOY-MIGL-2026').waitFor();
    expect(await page.getByRole('button', { name: 'New certificate' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Import certificates' }).count()).toBe(0);
    expect(await row('STUFFED-TOY-MIGL-2026').getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Export CSV' }).waitFor();

    await row('STUFFED-TOY-MIGL-2026')
      .getByRole('button', { name: /^View / })
      .click();
    const editor = page.getByRole('region', { name: 'US.STATE.STUFFED_TOY STUFFED-TOY-MIGL-2026' });
    await editor.getByText('Read only').waitFor();
    expect(await editor.getByLabel('Holder').isDisabled()).toBe(true);
  });
});
