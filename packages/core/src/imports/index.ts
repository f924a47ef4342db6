export { createImport, UPLOAD_PIECE_BYTES } from './create-import';
export { findImports, ownedImport } from './import-access';
export {
  type ImportKeywordsInput,
  type ImportKeywordsResult,
  importKeywords,
} from './import-keywords';
export { parseImport } from './parse-import';
export { runImport } from './run-import';
export type { ImportedRow, ImportKind, ParsedImport, SkippedRow } from './types';
