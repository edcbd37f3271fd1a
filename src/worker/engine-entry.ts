/**
 * The engine functions the worker uses, imported by name from `src/engine/index.ts` (named
 * imports keep the worker bundle tree-shaken: the CLI's and the test harness's parts of the
 * entry stay out of it).
 */
export {
  runQuery,
  parseWithDiagnostics,
  exprType,
  listDatasets,
  generateDataset,
  loadDataFile,
  PromQLError,
  toPromQLError,
  newMatcher,
  getLabel,
  compareStrings,
  formatLabels,
} from '../engine/index.ts';

