// Compiled HTML parts per family and language, compiled and inlined once per template version.
// Compiling wraps the layout and runs juice (milliseconds); a mail after the first must cost only
// the render (microseconds), so the per-mail path is one lookup by a short key. Sources are
// re-read after `ttlMs` (another process's save is seen within it), and a compile is reused while
// the re-read sources are unchanged. The version key (the sources themselves) is built and hashed
// once per re-read, never per mail: hashing kilobytes of markup per lookup took longer than the
// render.
// Not server-only (the loader brings the database), so the benchmark measures the real path.
import { compileHtml, type CompiledHtml, type FamilyId } from "@/lib/templates";

export interface HtmlSources {
  /** The family's HTML body; "" when this family and language send text only. */
  body: string;
  layout: string | null;
}

export interface HtmlCacheOptions {
  load(family: FamilyId, language: string): Promise<HtmlSources>;
  /** The CSS inliner, loaded on first compile (juice is heavy and most CLI commands never need it). */
  inliner(): Promise<(html: string) => string>;
  ttlMs: number;
  /** Compiled versions kept (the oldest goes first). */
  maxCompiled: number;
  now?: () => number;
}

interface Entry {
  at: number;
  compiled: CompiledHtml | null;
}

export class HtmlCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byVersion = new Map<string, CompiledHtml>();
  private compileCount = 0;

  constructor(private readonly options: HtmlCacheOptions) {}

  /** How many times HTML was compiled (for tests of the cache). */
  get compilations(): number {
    return this.compileCount;
  }

  /**
   * The per-mail path: the compiled HTML while the entry is fresh (null: text only), undefined
   * when the sources must be read again.
   */
  cached(family: FamilyId, language: string): CompiledHtml | null | undefined {
    const e = this.entries.get(`${family}:${language}`);
    const now = this.options.now?.() ?? Date.now();
    return e && now - e.at <= this.options.ttlMs ? e.compiled : undefined;
  }

  async resolve(family: FamilyId, language: string): Promise<CompiledHtml | null> {
    const hit = this.cached(family, language);
    if (hit !== undefined) return hit;
    const at = this.options.now?.() ?? Date.now();
    const src = await this.options.load(family, language);
    const compiled = src.body === "" ? null : await this.compiled(family, src);
    this.entries.set(`${family}:${language}`, { at, compiled });
    return compiled;
  }

  /** Forgets the sources (after a save in this process); compiled versions stay for reuse. */
  invalidate(): void {
    this.entries.clear();
  }

  private async compiled(family: FamilyId, src: HtmlSources): Promise<CompiledHtml> {
    const version = `${family}\u0000${src.layout ?? ""}\u0000${src.body}`;
    let compiled = this.byVersion.get(version);
    if (!compiled) {
      const inline = await this.options.inliner();
      compiled = compileHtml(src.body, { family, layout: src.layout, inline });
      this.compileCount++;
      const oldest = this.byVersion.keys().next();
      if (this.byVersion.size >= this.options.maxCompiled && !oldest.done) this.byVersion.delete(oldest.value);
      this.byVersion.set(version, compiled);
    }
    return compiled;
  }
}
