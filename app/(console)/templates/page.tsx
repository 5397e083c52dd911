import Link from "next/link";
import { requirePageRole } from "@/lib/auth/session";
import { FAMILIES, languageName } from "@/lib/templates";
import { templateMatrix } from "@/lib/templates-store/store";
import { PageHeader, Badge, Card } from "@/components/ui/card";
import { AddLanguageButton, AddLanguageForm } from "@/components/templates/add-language-form";
import { formatTime } from "@/components/templates/format";
import { addLanguageAction } from "./actions";

export const metadata = { title: "Templates" };

const TONE = { default: "slate", modified: "amber", added: "blue" } as const;
const LABEL = { default: "default", modified: "modified", added: "added" } as const;

export default async function TemplatesPage() {
  await requirePageRole();
  const { languages, cells } = await templateMatrix();
  const cell = (family: string, lang: string) => cells.find((c) => c.family === family && c.lang === lang);
  const languagesByFamily = Object.fromEntries(FAMILIES.map((f) => [f.id, cells.filter((c) => c.family === f.id).map((c) => c.lang)]));

  return (
    <div className="space-y-6">
      <PageHeader
        title="Templates"
        description={
          <>
            The emails Herald sends, one file per family and language (<code className="font-mono">&lt;language&gt;.txt</code>, read like{" "}
            <code className="font-mono">java.util.Properties</code>, as in AEM). Edits are kept as overrides of the shipped defaults, with history. A recipient gets the
            template in their language, or English when there is none.
          </>
        }
      />

      <Card>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="template-matrix">
            <caption className="sr-only">Template families by language, with the state of each file</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left dark:border-slate-800">
                <th scope="col" className="py-2 pr-4 font-medium">
                  Family
                </th>
                {languages.map((l) => (
                  <th key={l} scope="col" className="px-2 py-2 font-medium">
                    <span className="font-mono">{l}</span>
                    <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">{languageName(l) ?? l}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {FAMILIES.map((f) => (
                <tr key={f.id} className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800/60">
                  <th scope="row" className="py-3 pr-4 text-left font-medium">
                    {f.title}
                    <span className="block max-w-64 break-all font-mono text-[11px] font-normal text-slate-500 dark:text-slate-400">{f.aemLocation ?? "templates/" + f.id}</span>
                  </th>
                  {languages.map((l) => {
                    const c = cell(f.id, l);
                    const name = `${languageName(l) ?? l} (${l})`;
                    if (!c) {
                      return (
                        <td key={l} className="px-2 py-3" data-testid={`cell-${f.id}-${l}`}>
                          <span className="block text-xs text-slate-500 dark:text-slate-400" title={`No ${name} template: recipients get English`}>
                            missing · uses en
                          </span>
                          <AddLanguageButton size="sm" family={f.id} lang={l} label={`Add ${name} to ${f.title}`} add={addLanguageAction} />
                        </td>
                      );
                    }
                    return (
                      <td key={l} className="px-2 py-3" data-testid={`cell-${f.id}-${l}`}>
                        <Link
                          href={`/templates/${f.id}/${l}`}
                          className="inline-flex flex-col gap-0.5 rounded px-1 py-0.5 hover:bg-slate-100 dark:hover:bg-slate-800"
                          aria-label={`${f.title}, ${name}: ${LABEL[c.status]}`}
                        >
                          <Badge tone={TONE[c.status]}>{LABEL[c.status]}</Badge>
                          {c.updatedAt ? <span className="text-[11px] text-slate-500 dark:text-slate-400">{formatTime(c.updatedAt).slice(0, 10)}</span> : null}
                        </Link>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-3 flex flex-wrap items-center gap-3 text-xs text-slate-500 dark:text-slate-400">
          <span>
            <Badge>default</Badge> shipped, unchanged
          </span>
          <span>
            <Badge tone="amber">modified</Badge> edited here
          </span>
          <span>
            <Badge tone="blue">added</Badge> language added here
          </span>
          <span>missing · recipients get English</span>
        </p>
      </Card>

      <Card title="HTML email layout">
        <p className="mb-2 text-sm">
          The header and footer (logo, colours, organisation name, footer text) around every HTML email, per language; a language without its own uses English&apos;s. Each
          template&apos;s HTML body is under its HTML tab.
        </p>
        <ul className="flex flex-wrap gap-3 text-sm" data-testid="layout-links">
          {languages.map((l) => (
            <li key={l}>
              <Link className="underline" href={`/templates/layout/${l}`}>
                {languageName(l) ?? l} ({l})
              </Link>
            </li>
          ))}
        </ul>
      </Card>

      <Card title="Add language">
        <AddLanguageForm families={FAMILIES.map((f) => ({ id: f.id, title: f.title }))} languagesByFamily={languagesByFamily} add={addLanguageAction} />
      </Card>
    </div>
  );
}
