// Types for demoSummary.mjs (the demo runs as plain Node; its tests are TypeScript).
export interface ExportedTrial {
  readonly number: number;
  readonly state: string;
  readonly value: number | null;
  readonly user_attrs?: { readonly metrics?: Readonly<Record<string, number>> };
}

export interface SearchSummary {
  readonly startupBest: ExportedTrial | null;
  readonly best: ExportedTrial | null;
  /** The study has trials past the random start. */
  readonly searched: boolean;
  /** The best trial came after the random start. */
  readonly improved: boolean;
}

export function searchSummary(trials: readonly ExportedTrial[], options: { direction: 'minimize' | 'maximize'; startup: number }): SearchSummary;

export function formatSearchSummary(summary: SearchSummary, options: { metric: string; extra: string; startup: number; total: number }): string[];
