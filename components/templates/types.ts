// Plain data passed from the templates pages (server) to their client components.
import type { TemplateStatus } from "@/lib/templates-store/store";

export type { TemplateStatus };

export interface TemplateFileState {
  text: string;
  status: TemplateStatus;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface HistoryEntry {
  id: number;
  /** save | reset | add | remove */
  action: string;
  actor: string | null;
  /** ISO timestamp. */
  at: string;
  /** The text after this change; null when the override was removed (reset / language removed). */
  text: string | null;
}

export interface SenderView {
  address: string;
  source: string;
}
