import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new SQL migration from the modules' table definitions.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/modules/*/tables.ts', './src/platform/*/tables.ts'],
  out: './migrations',
});
