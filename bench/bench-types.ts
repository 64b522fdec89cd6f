// What a bench module reports. bench/run.ts runs every bench/*-bench.ts and prints their rows.
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  /** Human-readable goal, e.g. "≤ 0.5 s". */
  target?: string;
  /** Whether the value meets the target; omitted when there is none. */
  ok?: boolean;
  /** Context a reader needs to trust the figure (what was built, counts). */
  note?: string;
}

export interface BenchModule {
  /** One line on what the module measures. */
  description: string;
  run(log: (line: string) => void): Promise<BenchRow[]>;
}
