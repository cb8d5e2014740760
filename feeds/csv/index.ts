// Parsing of the OHLCV CSV files Tickflow imports: pure functions, no I/O (see README.md).
export { CSV_LAYOUTS, LAYOUTS, type CsvLayout, type LayoutSpec } from './layouts.ts';
export { detectLayout, type Detection } from './detect.ts';
export { parseCsv, type CsvError, type CsvSkip, type ParseOptions, type ParsedCsv } from './parse.ts';
export { symbolFromFileName, timeframeFromFileName } from './names.ts';
