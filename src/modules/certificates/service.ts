import type { ChangeFeed } from '../../platform/changes.js';
import type { Clock } from '../../platform/clock.js';
import { foreignKeyViolation, uniqueViolation } from '../../platform/database/errors.js';
import type { Database, Executor } from '../../platform/database/index.js';
import { ConflictError, type FieldIssue, NotFoundError, ValidationError } from '../../platform/errors.js';
import { check } from '../../platform/validate.js';
import type { CatalogService, Product } from '../catalog/index.js';
import type { ComplianceService } from '../compliance/index.js';
import {
  type CsvRow,
  certificatesCsv,
  columnOf,
  coverageFromCells,
  readCertificatesCsv,
  rowInput,
  splitList,
} from './csv.js';
import { isPdf, sha256Hex } from './documents.js';
import {
  checkDraft,
  type Draft,
  type ProductLookup,
  type RuleLookup,
  resolveCoverage,
  storedIdentifier,
} from './draft.js';
import { addDays, type CertificateEvidence, EXPIRY_WARNING_DAYS, expiresWithin, isoDay } from './evidence.js';
import {
  type Certificate,
  type CertificateFilter,
  CertificateInput,
  type CertificatePatch,
  type CoverageInput,
  type DocumentMeta,
} from './schemas.js';
import {
  type CertificateRecord,
  type CertificateValues,
  type CoverageRef,
  type StoredDocument,
  certificateStore as store,
} from './store.js';

// Orchestrates the certificate registry: each certificate checked against the rule it is
// evidence for (ComplianceService) and its coverage resolved through the catalog; transactions,
// conflicts translated to problems, and a 'certificates' change after every write.

interface Prepared {
  values: CertificateValues;
  refs: CoverageRef[];
  issues: FieldIssue[];
}

export class CertificateService {
  constructor(
    private readonly db: Database,
    private readonly changes: ChangeFeed,
    private readonly clock: Clock,
    private readonly compliance: ComplianceService,
    private readonly catalog: CatalogService,
  ) {}

  async list(filter: CertificateFilter = {}): Promise<Certificate[]> {
    let productId: string | undefined;
    if (filter.product) {
      const product = await this.catalog.findProduct(filter.product);
      if (!product) throw ValidationError.field('product', `unknown product "${filter.product}"`);
      productId = product.id;
    }
    const today = isoDay(this.clock.now());
    const days = filter.expiringWithinDays;
    const records = await store.list(this.db, {
      requirementCode: filter.requirement,
      productId,
      status: filter.status,
      expiresBetween: days === undefined ? undefined : [today, addDays(today, days)],
    });
    return this.present(records);
  }

  async get(id: string): Promise<Certificate> {
    const record = await store.find(this.db, id);
    if (!record) throw new NotFoundError(`No certificate "${id}"`);
    const [certificate] = await this.present([record]);
    return certificate!;
  }

  /** The certificate for this requirement with this identifier (normalised as stored), if any. */
  async findByIdentifier(requirementCode: string, identifier: string): Promise<Certificate | undefined> {
    const lookup = this.rule(requirementCode);
    const stored = storedIdentifier('rule' in lookup ? lookup.rule : undefined, identifier);
    const id = stored && (await store.findByIdentifier(this.db, requirementCode, stored));
    return id ? this.get(id) : undefined;
  }

  async create(input: CertificateInput): Promise<Certificate> {
    const { values, refs, issues } = await this.prepare(input, input.coverage, this.productLookup());
    if (issues.length > 0) throw new ValidationError(issues);
    const id = await this.write(values, (tx) => store.insert(tx, values, refs));
    return this.get(id);
  }

  async update(id: string, patch: CertificatePatch): Promise<Certificate> {
    const current = await this.get(id);
    const { coverage, ...fields } = patch;
    const draft: Draft = { ...current, ...fields };
    const { values, refs, issues } = await this.prepare(draft, coverage, this.productLookup());
    if (issues.length > 0) throw new ValidationError(issues);
    await this.write(values, async (tx) => {
      await store.update(tx, id, values);
      if (coverage) await store.replaceCoverage(tx, id, refs);
    });
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    if (!(await store.delete(this.db, id))) throw new NotFoundError(`No certificate "${id}"`);
    await this.changes.publish('certificates');
  }

  /**
   * Imports every row or none: all rows are checked first and every problem is reported, named
   * "row N: column"; only a clean file is written, in one transaction.
   */
  async importCsv(text: string): Promise<{ imported: number }> {
    const { rows, issues } = readCertificatesCsv(text);
    if (issues.length > 0) throw new ValidationError(issues, 'Nothing imported: the file cannot be read');
    const findProduct = this.productLookup();
    const prepared: Prepared[] = [];
    const problems: FieldIssue[] = [];
    const seen = new Map<string, number>();
    for (const { row, cells } of rows) {
      const checked = await this.checkRow(cells, findProduct);
      const { values } = checked;
      if (checked.issues.length === 0 && values?.identifier) {
        const key = `${values.requirementCode} ${values.identifier}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          checked.issues.push({ field: 'identifier', message: `is the same as in row ${earlier}` });
        } else if (await store.findByIdentifier(this.db, values.requirementCode, values.identifier)) {
          checked.issues.push({ field: 'identifier', message: `a ${key} certificate is already on file` });
        }
        seen.set(key, row);
      }
      if (checked.issues.length === 0 && values) prepared.push({ ...checked, values });
      problems.push(...checked.issues.map((i) => ({ field: `row ${row}: ${columnOf(i.field)}`, message: i.message })));
    }
    if (problems.length > 0) {
      throw new ValidationError(
        problems,
        `Nothing imported: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in the file (see errors)`,
      );
    }
    await this.write(undefined, async (tx) => {
      for (const p of prepared) await store.insert(tx, p.values, p.refs);
    });
    return { imported: prepared.length };
  }

  async exportCsv(): Promise<string> {
    return certificatesCsv(await this.list());
  }

  async addDocument(
    id: string,
    upload: { filename: string; contentType: string; content: Buffer },
  ): Promise<DocumentMeta> {
    await this.get(id);
    if (!isPdf(upload.content)) throw ValidationError.field('body', 'is not a PDF: a PDF file begins with "%PDF-"');
    let document: DocumentMeta;
    try {
      document = await this.db.transaction(async (tx) => {
        const stored = await store.insertDocument(tx, id, { ...upload, sha256: sha256Hex(upload.content) });
        await store.touch(tx, id);
        return stored;
      });
    } catch (error) {
      if (foreignKeyViolation(error)) throw new NotFoundError(`No certificate "${id}"`);
      throw error;
    }
    await this.changes.publish('certificates');
    return document;
  }

  async document(id: string, documentId: string): Promise<StoredDocument> {
    const document = await store.findDocument(this.db, id, documentId);
    if (!document) throw new NotFoundError(`Certificate "${id}" has no document "${documentId}"`);
    return document;
  }

  async deleteDocument(id: string, documentId: string): Promise<void> {
    if (!(await store.deleteDocument(this.db, id, documentId))) {
      throw new NotFoundError(`Certificate "${id}" has no document "${documentId}"`);
    }
    await this.changes.publish('certificates');
  }

  /** For the verdict: certificates covering any of these products, their coverage limited to them. One query. */
  evidenceFor(productIds: string[]): Promise<CertificateEvidence[]> {
    return store.evidenceFor(this.db, productIds);
  }

  /** One CSV row as a certificate to store, with its problems (named by API field). */
  private async checkRow(
    cells: CsvRow['cells'],
    findProduct: ProductLookup,
  ): Promise<Omit<Prepared, 'values'> & { values?: CertificateValues }> {
    const slugs = splitList(cells.products);
    if (slugs.length === 0) {
      return { refs: [], issues: [{ field: 'products', message: 'names no product; give slugs separated by ";"' }] };
    }
    const fromCells = coverageFromCells(slugs, splitList(cells.variants), await Promise.all(slugs.map(findProduct)));
    const input = { ...rowInput(cells), coverage: fromCells.coverage };
    try {
      check(CertificateInput, input);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { refs: [], issues: [...(error.errors ?? []), ...fromCells.issues] };
    }
    const result = await this.prepare(input, input.coverage, findProduct);
    return { ...result, issues: [...result.issues, ...fromCells.issues] };
  }

  /** The values and coverage to store, and every problem with them. */
  private async prepare(
    draft: Draft,
    coverage: CoverageInput[] | undefined,
    findProduct: ProductLookup,
  ): Promise<Prepared> {
    const { values, issues } = checkDraft(draft, this.rule(draft.requirementCode));
    if (!coverage) return { values, refs: [], issues };
    const resolved = await resolveCoverage(coverage, findProduct);
    return { values, refs: resolved.refs, issues: [...issues, ...resolved.issues] };
  }

  private rule(code: string): RuleLookup {
    const jurisdiction = code.split('.')[0] ?? '';
    const known = this.compliance.jurisdictions();
    if (!known.includes(jurisdiction)) {
      return {
        problem: `no rules are loaded for jurisdiction "${jurisdiction}" (loaded: ${known.join(', ') || 'none'})`,
      };
    }
    const rule = this.compliance.ruleFile(jurisdiction).rules.find((r) => r.code === code);
    return rule ? { rule } : { problem: `unknown requirement "${code}": rules/${jurisdiction}.yaml has no such rule` };
  }

  /** Finds products by id or slug, each asked of the catalog once per operation. */
  private productLookup(): ProductLookup {
    const asked = new Map<string, Promise<Product | undefined>>();
    return (idOrSlug) => {
      let answer = asked.get(idOrSlug);
      if (!answer) {
        answer = this.catalog.findProduct(idOrSlug);
        asked.set(idOrSlug, answer);
      }
      return answer;
    };
  }

  /** Runs a write in a transaction, turns a duplicate identifier into a conflict, then notifies. */
  private async write<T>(values: CertificateValues | undefined, work: (tx: Executor) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await this.db.transaction(work);
    } catch (error) {
      if (uniqueViolation(error) === 'certificates_requirement_identifier_key') {
        const which = values ? `A ${values.requirementCode} certificate "${values.identifier}"` : 'A certificate';
        throw new ConflictError(`${which} is already on file`, 'identifier');
      }
      if (foreignKeyViolation(error)) throw new ConflictError('A covered product or variant was deleted meanwhile');
      throw error;
    }
    await this.changes.publish('certificates');
    return result;
  }

  /** Certificates as the API shows them: coverage by slug and SKU (one catalog query), the expiry warning. */
  private async present(records: CertificateRecord[]): Promise<Certificate[]> {
    const ids = [...new Set(records.flatMap((r) => r.coverage.map((c) => c.productId)))];
    const products = new Map((await this.catalog.productsByIds(ids)).map((p) => [p.id, p]));
    const now = this.clock.now();
    return records.map(({ coverage, createdAt, updatedAt, ...record }) => ({
      ...record,
      coverage: coverage
        .map(({ productId, variantId }) => {
          const product = products.get(productId);
          const sku = variantId ? (product?.variants.find((v) => v.id === variantId)?.sku ?? null) : null;
          return { productId, slug: product?.slug ?? '', variantId, sku };
        })
        .sort((a, b) => a.slug.localeCompare(b.slug) || (a.sku ?? '').localeCompare(b.sku ?? '')),
      expiringSoon: expiresWithin(record, now, EXPIRY_WARNING_DAYS),
      createdAt: createdAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
    }));
  }
}
