import Type from 'typebox';
import { problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import { Category, Product, ProductInput, ProductPatch, VariantInput, VariantPatch } from './schemas.js';
import type { CatalogService } from './service.js';

// Staff API for the catalog. Products and variants are addressed by id or by slug / SKU.

const ProductParams = Type.Object({
  product: Type.String({ minLength: 1, maxLength: 100, description: 'id or slug' }),
});
const VariantParams = Type.Object({
  product: Type.String({ minLength: 1, maxLength: 100, description: 'id or slug' }),
  variant: Type.String({ minLength: 1, maxLength: 100, description: 'id or SKU' }),
});
const tags = ['catalog'];

export function catalogRoutes(app: App, catalog: CatalogService): void {
  app.get(
    '/api/admin/categories',
    {
      schema: {
        tags,
        summary: 'List categories',
        response: { 200: Type.Object({ categories: Type.Array(Category) }) },
      },
      config: { permission: 'catalog:read' },
    },
    async () => ({ categories: await catalog.listCategories() }),
  );

  app.post(
    '/api/admin/categories',
    {
      schema: {
        tags,
        summary: 'Create a category',
        body: Category,
        response: { 201: Category, ...problems(400, 409) },
      },
      config: { permission: 'catalog:write' },
    },
    async (request, reply) => reply.status(201).send(await catalog.createCategory(request.body)),
  );

  app.delete(
    '/api/admin/categories/:code',
    {
      schema: {
        tags,
        summary: 'Delete a category that no product uses',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        response: { 204: Type.Null(), ...problems(404, 409) },
      },
      config: { permission: 'catalog:write' },
    },
    async (request, reply) => {
      await catalog.deleteCategory(request.params.code);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/admin/products',
    {
      schema: {
        tags,
        summary: 'List products with their variants',
        querystring: Type.Object({ category: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: { 200: Type.Object({ products: Type.Array(Product) }) },
      },
      config: { permission: 'catalog:read' },
    },
    async (request) => ({ products: await catalog.listProducts({ category: request.query.category }) }),
  );

  app.post(
    '/api/admin/products',
    {
      schema: {
        tags,
        summary: 'Create a product with its variants',
        body: ProductInput,
        response: { 201: Product, ...problems(400, 409) },
      },
      config: { permission: 'catalog:write' },
    },
    async (request, reply) => reply.status(201).send(await catalog.createProduct(request.body)),
  );

  app.get(
    '/api/admin/products/:product',
    {
      schema: { tags, summary: 'Read a product', params: ProductParams, response: { 200: Product, ...problems(404) } },
      config: { permission: 'catalog:read' },
    },
    async (request) => catalog.getProduct(request.params.product),
  );

  app.patch(
    '/api/admin/products/:product',
    {
      schema: {
        tags,
        summary: 'Change a product (fields given replace the stored ones)',
        params: ProductParams,
        body: ProductPatch,
        response: { 200: Product, ...problems(400, 404, 409) },
      },
      config: { permission: 'catalog:write' },
    },
    async (request) => catalog.updateProduct(request.params.product, request.body),
  );

  app.delete(
    '/api/admin/products/:product',
    {
      schema: {
        tags,
        summary: 'Delete a product, its variants and its listings',
        params: ProductParams,
        response: { 204: Type.Null(), ...problems(404) },
      },
      config: { permission: 'catalog:write' },
    },
    async (request, reply) => {
      await catalog.deleteProduct(request.params.product);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/admin/products/:product/variants',
    {
      schema: {
        tags,
        summary: 'Add a variant',
        params: ProductParams,
        body: VariantInput,
        response: { 201: Product, ...problems(400, 404, 409) },
      },
      config: { permission: 'catalog:write' },
    },
    async (request, reply) => reply.status(201).send(await catalog.addVariant(request.params.product, request.body)),
  );

  app.patch(
    '/api/admin/products/:product/variants/:variant',
    {
      schema: {
        tags,
        summary: 'Change a variant',
        params: VariantParams,
        body: VariantPatch,
        response: { 200: Product, ...problems(400, 404, 409) },
      },
      config: { permission: 'catalog:write' },
    },
    async (request) => catalog.updateVariant(request.params.product, request.params.variant, request.body),
  );

  app.delete(
    '/api/admin/products/:product/variants/:variant',
    {
      schema: {
        tags,
        summary: 'Delete a variant (not the last one)',
        params: VariantParams,
        response: { 200: Product, ...problems(404, 409) },
      },
      config: { permission: 'catalog:write' },
    },
    async (request) => catalog.deleteVariant(request.params.product, request.params.variant),
  );
}
