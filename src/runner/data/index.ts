export { DataError } from './dataError';
export { parseCsv, parseCsvHeader, parseJsonLines, readTable, tableLayoutOf, type TableFormat, type TableLayout } from './readTable';
export { MAX_INTEGER_CLASSES, prepareData } from './prepareData';
export { loadIdxData, prepareIdxData, readIdxFile, type IdxLoadOptions } from './idxData';
export { decodeIdx, parseIdxHeader, type IdxArray, type IdxHeader, type IdxRole } from './idxFile';
export { loadData, resolveDataPaths } from './loadData';
export type { Cell, PreparedData, PreparedFold, PrepareOptions, Table, Task } from './types';
