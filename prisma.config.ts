// Prisma 7 reads the datasource URL from here (used only by the CLI; the app passes a driver adapter).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/herald.db" },
});
