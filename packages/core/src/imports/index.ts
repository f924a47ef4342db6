export {
  type ImportKeywordsInput,
  type ImportKeywordsResult,
  importKeywords,
} from './import-keywords';
export { parseImport } from './parse-import';
export type { ImportedRow, ImportKind, ParsedImport, SkippedRow } from './types';
