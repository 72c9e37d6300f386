import { defineConfig } from 'drizzle-kit';

// The desktop store; the hosted server has its own config (drizzle.server.config.ts).
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/main/db/schema/index.ts',
  out: './drizzle/desktop',
  casing: 'snake_case',
});
