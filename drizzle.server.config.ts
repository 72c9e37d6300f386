import { defineConfig } from 'drizzle-kit';

// The hosted server (PostgreSQL / PGlite); the desktop store has drizzle.config.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema.ts',
  out: './drizzle/server',
  casing: 'snake_case',
});
