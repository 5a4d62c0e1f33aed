/** Analyzers added in batch A (registered in index.ts after the core set). */
import type { Analyzer } from '../analyzer.js';

export const batchAAnalyzers: Analyzer[] = [];
