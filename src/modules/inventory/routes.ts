import Type from 'typebox';
import { problems } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/server.js';
import {
  Location,
  LocationCode,
  LocationInput,
  LocationPatch,
  StockAdjust,
  StockDetail,
  StockFilter,
  StockLevel,
  StockList,
  StockParams,
  StockSet,
} from './schemas.js';
import type { InventoryService } from './service.js';

// Staff API for stock locations and stock levels. Reservations have no route: checkout makes
// and settles them through InventoryService inside its own transaction.

const LocationParams = Type.Object({ code: LocationCode });

export function inventoryRoutes(app: App, inventory: InventoryService): void {
  const tags = ['inventory'];

  app.get(
    '/api/admin/locations',
    {
      schema: {
        tags,
        summary: 'List stock locations, by priority, with the markets each serves',
        response: { 200: Type.Object({ locations: Type.Array(Location) }) },
      },
      config: { permission: 'inventory:read' },
    },
    async () => ({ locations: await inventory.listLocations() }),
  );

  app.get(
    '/api/admin/locations/:code',
    {
      schema: {
        tags,
        summary: 'A stock location',
        params: LocationParams,
        response: { 200: Location, ...problems(404) },
      },
      config: { permission: 'inventory:read' },
    },
    async (request) => inventory.getLocation(request.params.code),
  );

  app.post(
    '/api/admin/locations',
    {
      schema: {
        tags,
        summary: 'Record a stock location and the markets it serves',
        body: LocationInput,
        response: { 201: Location, ...problems(400, 409) },
      },
      config: { permission: 'inventory:write' },
    },
    async (request, reply) => reply.status(201).send(await inventory.createLocation(request.body)),
  );

  app.patch(
    '/api/admin/locations/:code',
    {
      schema: {
        tags,
        summary: "Change a stock location's name, priority or markets (its code stays)",
        params: LocationParams,
        body: LocationPatch,
        response: { 200: Location, ...problems(400, 404) },
      },
      config: { permission: 'inventory:write' },
    },
    async (request) => inventory.updateLocation(request.params.code, request.body),
  );

  app.delete(
    '/api/admin/locations/:code',
    {
      schema: {
        tags,
        summary: 'Delete a stock location that holds no stock',
        params: LocationParams,
        response: { 204: Type.Null(), ...problems(404, 409) },
      },
      config: { permission: 'inventory:write' },
    },
    async (request, reply) => {
      await inventory.deleteLocation(request.params.code);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/admin/inventory',
    {
      schema: {
        tags,
        summary: 'Stock levels with what is available, of the locations serving a market when one is given',
        querystring: StockFilter,
        response: { 200: StockList, ...problems(400) },
      },
      config: { permission: 'inventory:read' },
    },
    async (request) => inventory.stock(request.query),
  );

  app.get(
    '/api/admin/inventory/:location/:sku',
    {
      schema: {
        tags,
        summary: 'One stock level with its latest adjustments',
        params: StockParams,
        response: { 200: StockDetail, ...problems(404) },
      },
      config: { permission: 'inventory:read' },
    },
    async (request) => inventory.stockLevel(request.params.location, request.params.sku),
  );

  app.put(
    '/api/admin/inventory/:location/:sku',
    {
      schema: {
        tags,
        summary: 'Set the units on hand (a stock count); refused below what reservations hold',
        params: StockParams,
        body: StockSet,
        response: { 200: StockLevel, ...problems(400, 404, 409) },
      },
      config: { permission: 'inventory:write' },
    },
    async (request) =>
      inventory.setOnHand(request.params.location, request.params.sku, request.body.onHand, request.body.reason),
  );

  app.post(
    '/api/admin/inventory/:location/:sku/adjust',
    {
      schema: {
        tags,
        summary: 'Add units to (or remove them from) on hand, with the reason',
        params: StockParams,
        body: StockAdjust,
        response: { 200: StockLevel, ...problems(400, 404, 409) },
      },
      config: { permission: 'inventory:write', auditAction: 'inventory.adjust' },
    },
    async (request) =>
      inventory.adjust(request.params.location, request.params.sku, request.body.delta, request.body.reason),
  );
}
