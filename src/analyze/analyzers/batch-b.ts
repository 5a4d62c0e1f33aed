/** Analyzers added in batch B (registered in index.ts after the core set). */
import type { Analyzer } from '../analyzer.js';

export const batchBAnalyzers: Analyzer[] = [];
