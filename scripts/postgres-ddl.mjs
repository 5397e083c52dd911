#!/usr/bin/env node
// Writes the PostgreSQL DDL for every model of prisma/postgresql/schema.prisma in Prisma Migrate's
// own style ("CreateTable", "<Model>_pkey", "<Model>_<cols>_key/_idx", "<Model>_<col>_fkey").
// Prisma's schema engine cannot be downloaded on these machines, so this wrote the PostgreSQL
// baseline migration; later migrations are hand-written, and lib/db/schema-drift.test.ts proves
// each migration set matches the schema. Usage: node scripts/postgres-ddl.mjs [Model …]
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { getDMMF } = require("@prisma/internals");

const TYPES = { String: "TEXT", Int: "INTEGER", BigInt: "BIGINT", Boolean: "BOOLEAN", DateTime: "TIMESTAMP(3)", Float: "DOUBLE PRECISION", Decimal: "DECIMAL(65,30)", Json: "JSONB", Bytes: "BYTEA" };

function columnType(f) {
  if (f.nativeType) {
    const [name, args] = f.nativeType;
    return `${name.toUpperCase()}${args?.length ? `(${args.join(",")})` : ""}`;
  }
  if (f.default && typeof f.default === "object" && f.default.name === "autoincrement") return f.type === "BigInt" ? "BIGSERIAL" : "SERIAL";
  return TYPES[f.type];
}

function defaultClause(f) {
  const d = f.default;
  if (d === undefined || d === null) return "";
  if (typeof d === "object" && !Array.isArray(d)) {
    if (d.name === "now") return " DEFAULT CURRENT_TIMESTAMP";
    return "";
  }
  if (typeof d === "string") return ` DEFAULT '${d.replace(/'/g, "''")}'`;
  return ` DEFAULT ${d}`;
}

export async function postgresDdl(schemaText, only) {
  const { datamodel } = await getDMMF({ datamodel: schemaText });
  const out = [];
  const models = datamodel.models.filter((m) => !only?.length || only.includes(m.name));
  for (const m of models) {
    const table = m.dbName ?? m.name;
    const cols = m.fields
      .filter((f) => f.kind === "scalar" || f.kind === "enum")
      .map((f) => `    "${f.dbName ?? f.name}" ${columnType(f)}${f.isRequired ? " NOT NULL" : ""}${defaultClause(f)}`);
    const id = m.primaryKey?.fields ?? m.fields.filter((f) => f.isId).map((f) => f.name);
    out.push(`-- CreateTable\nCREATE TABLE "${table}" (\n${cols.join(",\n")},\n\n    CONSTRAINT "${table}_pkey" PRIMARY KEY (${id.map((c) => `"${c}"`).join(", ")})\n);\n`);
  }
  for (const m of models) {
    const table = m.dbName ?? m.name;
    for (const ix of datamodel.indexes.filter((i) => i.model === m.name && (i.type === "unique" || i.type === "normal"))) {
      const names = ix.fields.map((f) => f.name);
      const name = ix.dbName ?? `${table}_${names.join("_")}_${ix.type === "unique" ? "key" : "idx"}`;
      out.push(`-- CreateIndex\nCREATE ${ix.type === "unique" ? "UNIQUE " : ""}INDEX "${name}" ON "${table}"(${names.map((c) => `"${c}"`).join(", ")});\n`);
    }
  }
  for (const m of models) {
    const table = m.dbName ?? m.name;
    for (const f of m.fields.filter((f) => f.kind === "object" && f.relationFromFields?.length)) {
      const target = datamodel.models.find((x) => x.name === f.type);
      const onDelete = (f.relationOnDelete ?? (f.isRequired ? "Restrict" : "SetNull")).replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase();
      out.push(
        `-- AddForeignKey\nALTER TABLE "${table}" ADD CONSTRAINT "${table}_${f.relationFromFields.join("_")}_fkey" FOREIGN KEY (${f.relationFromFields.map((c) => `"${c}"`).join(", ")}) REFERENCES "${target.dbName ?? target.name}"(${f.relationToFields.map((c) => `"${c}"`).join(", ")}) ON DELETE ${onDelete} ON UPDATE CASCADE;\n`,
      );
    }
  }
  return out.join("\n");
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url).pathname)) {
  process.stdout.write(await postgresDdl(fs.readFileSync("prisma/postgresql/schema.prisma", "utf8"), process.argv.slice(2)));
}
