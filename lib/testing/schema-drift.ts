// The comparison behind both drift tests (lib/db/schema-drift*.test.ts): every model and scalar
// field of a Prisma schema against the tables and columns a migrated database reports, as readable
// lines. Each engine's test reads its catalogue and says which column type it expects per field.
import { MIGRATIONS_TABLE } from "@/lib/db/migrate";

// DMMF comes from @prisma/internals (a dev dependency): the generated client's runtime data model
// lacks nullability.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getDMMF } = require("@prisma/internals") as {
  getDMMF: (o: { datamodel: string }) => Promise<{ datamodel: { models: DmmfModel[] } }>;
};

export interface DmmfField {
  name: string;
  kind: string;
  type: string;
  isRequired: boolean;
  dbName?: string | null;
  nativeType?: [string, string[]] | null;
  default?: unknown;
}
export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}

export interface DbColumn {
  /** As the engine reports it (compared with the expected type as is). */
  type: string;
  required: boolean;
}

/** table → column → what the database says. */
export type Catalogue = Map<string, Map<string, DbColumn>>;

export async function schemaDrift(schemaText: string, catalogue: Catalogue, expectedType: (f: DmmfField) => string): Promise<string[]> {
  const { datamodel } = await getDMMF({ datamodel: schemaText });
  const tables = new Map([...catalogue].map(([t, cols]) => [t, new Map(cols)]));
  tables.delete(MIGRATIONS_TABLE);
  const problems: string[] = [];
  for (const model of datamodel.models) {
    const table = model.dbName ?? model.name;
    const cols = tables.get(table);
    if (!cols) {
      problems.push(`model ${model.name}: table "${table}" missing in the migrated database`);
      continue;
    }
    tables.delete(table);
    for (const f of model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum")) {
      const colName = f.dbName ?? f.name;
      const col = cols.get(colName);
      if (!col) {
        problems.push(`${model.name}.${f.name}: column "${colName}" missing`);
        continue;
      }
      cols.delete(colName);
      const want = expectedType(f);
      if (col.type !== want) problems.push(`${model.name}.${f.name}: type ${col.type} in the database, ${want} (${f.type}) in the schema`);
      if (col.required !== f.isRequired) {
        problems.push(
          `${model.name}.${f.name}: ${col.required ? "NOT NULL" : "nullable"} in the database, ${f.isRequired ? "required" : "optional"} in the schema`,
        );
      }
    }
    for (const extra of cols.keys()) problems.push(`${model.name}: column "${extra}" is in the database but not in the schema`);
  }
  for (const extra of tables.keys()) problems.push(`table "${extra}" is in the database but has no model`);
  return problems;
}
