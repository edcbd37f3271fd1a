/**
 * The engine's only entry point. The worker, the CLI, the conformance runner and the
 * benchmarks import from here and nowhere else under src/engine.
 */
export * from './model/labels.ts';
export * from './model/errors.ts';
export * from './model/annotations.ts';
export * from './model/position.ts';
export * from './model/result.ts';
export * from './model/stats.ts';
export * from './model/memory-tracker.ts';
export * from './model/strings.ts';
export { newMatcher, type Matcher, type MatchType } from './model/matcher.ts';
export type * from './parser/ast.ts';
export type * from './storage/types.ts';
export type * from './query.ts';
export { Storage, type MetricMetadata, type SealedSeries } from './storage/storage.ts';
export { StorageBuilder, type SeriesRef } from './storage/storage-builder.ts';
export { decodeXor } from './storage/xor-chunk.ts';
export { parseSeriesDescription, type SeriesDescValue, type SeriesDescription, type HistogramDesc } from './parser/series-description.ts';
export { unquoteString } from './parser/unquote.ts';
export { listDatasets, datasetInfo, datasetSpec, DEFAULT_DATASET_ID, type DatasetInfo } from './datasets/catalog.ts';
export { generateDataset, generateDatasetWithSummary } from './datasets/generate-dataset.ts';
export { generateSeries, timeGridOf, type SeriesSink, type GenerationSummary } from './datasets/generate.ts';
export type { DatasetSpec, ExampleQuery, ParameterSpec } from './datasets/spec.ts';
export { runScript, TEST_ENGINE_OPTIONS, type HarnessEngine, type HarnessStorage, type CaseResult, type CaseOutcome, type EvaluatorName, type Mismatch, type ScriptResult, type RunOptions } from './testing/runner.ts';
export { createTestEngine, makeHarnessEngine } from './testing/engine-bindings.ts';
export * from './testing/conformance-report.ts';
export { appendLoadBlock, loadNotation, parseLoadHeader, type LoadBlockResult, type LoadHeader, type LoadLine, type LoadNotationResult } from './storage/load-notation.ts';
export { appendExposition, isOpenMetrics, loadExposition, type ExpositionFormat, type ExpositionOptions, type ExpositionResult } from './storage/exposition.ts';
export { detectDataFileFormat, loadDataFile, type DataFileFormat, type DataFileResult, type DataFileSummary } from './storage/data-file.ts';
export { toApiJson, formatGoFloat, apiErrorType, apiHttpStatus, apiAnnotation, apiTimestamp, jsonSafeString, type ApiResponse, type ApiData, type ApiPoint, type ApiErrorType } from './api-json.ts';
export { parsePromDuration } from './testing/duration.ts';
export { isApiJson, loadApiJson, type ApiJsonResult } from './storage/api-json.ts';
export { parse, parseWithDiagnostics, type ParseOptions, type Diagnostic } from './parser/parser.ts';
export { getFunction, FUNCTIONS } from './parser/functions.ts';
export { exprType, documentedType } from './parser/checker.ts';
export { runQuery } from './engine.ts';
export { printExpr, printDurationExpr, printMatcher, formatFloatF, formatFloatG } from './parser/printer.ts';
export { preprocessExpr, addAtModifier, callsAtModifierUnsafeFunction, AT_MODIFIER_UNSAFE_FUNCTIONS, type QueryFrame } from './parser/preprocess.ts';
export { runDifferentialFuzz, checkQuery, buildDataset, diffResults, type DifferentialOptions, type DifferentialOutcome, type QueryCase, type DatasetSpec as FuzzDatasetSpec } from './streaming/differential-fuzz.ts';
export { prettyExpr, printShort, childrenOf } from './parser/pretty.ts';
