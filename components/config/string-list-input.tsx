"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

/** A list of strings with + and − (AEM's multi-value property editor), e.g. OAuth2 scopes. */
export function StringListInput({
  id,
  itemLabel,
  value,
  onChange,
  onBlur,
  placeholder,
  itemErrors,
}: {
  id: string;
  itemLabel: string;
  value: string[];
  onChange: (v: string[]) => void;
  onBlur?: () => void;
  placeholder?: string;
  itemErrors?: (string | undefined)[];
}) {
  const t = useTranslations("configuration");
  // English writes the entry's name in lower case inside a sentence ("Add scope"); Korean has no case.
  const item = itemLabel.toLowerCase();
  return (
    <div className="space-y-2" id={id} role="group" aria-label={t("listGroup", { item: itemLabel })}>
      {value.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">{t("listEmpty")}</p> : null}
      {value.map((entry, i) => (
        <div key={i}>
          <div className="flex items-center gap-2">
            <Input
              aria-label={t("listEntry", { item: itemLabel, n: String(i + 1) })}
              value={entry}
              placeholder={placeholder}
              aria-invalid={!!itemErrors?.[i]}
              onBlur={onBlur}
              onChange={(e) => onChange(value.map((v, j) => (j === i ? e.target.value : v)))}
            />
            <Button size="sm" variant="secondary" aria-label={t("listRemove", { item, n: String(i + 1) })} onClick={() => onChange(value.filter((_, j) => j !== i))}>
              {t("listRemoveSymbol")}
            </Button>
          </div>
          {itemErrors?.[i] ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{itemErrors[i]}</p> : null}
        </div>
      ))}
      <Button size="sm" variant="secondary" aria-label={t("listAddLabel", { item })} onClick={() => onChange([...value, ""])}>
        {t("listAdd", { item })}
      </Button>
    </div>
  );
}
