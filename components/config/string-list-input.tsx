"use client";
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
  return (
    <div className="space-y-2" id={id} role="group" aria-label={`${itemLabel} list`}>
      {value.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">No entries.</p> : null}
      {value.map((item, i) => (
        <div key={i}>
          <div className="flex items-center gap-2">
            <Input
              aria-label={`${itemLabel} ${i + 1}`}
              value={item}
              placeholder={placeholder}
              aria-invalid={!!itemErrors?.[i]}
              onBlur={onBlur}
              onChange={(e) => onChange(value.map((v, j) => (j === i ? e.target.value : v)))}
            />
            <Button size="sm" variant="secondary" aria-label={`Remove ${itemLabel.toLowerCase()} ${i + 1}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
              −
            </Button>
          </div>
          {itemErrors?.[i] ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{itemErrors[i]}</p> : null}
        </div>
      ))}
      <Button size="sm" variant="secondary" aria-label={`Add ${itemLabel.toLowerCase()}`} onClick={() => onChange([...value, ""])}>
        + Add {itemLabel.toLowerCase()}
      </Button>
    </div>
  );
}
