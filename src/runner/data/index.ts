export { DataError } from './dataError';
export { parseCsv, parseCsvHeader, parseJsonLines, readTable, tableLayoutOf, type TableFormat, type TableLayout } from './readTable';
export { MAX_INTEGER_CLASSES, prepareData } from './prepareData';
export type { Cell, PreparedData, PreparedFold, PrepareOptions, Table, Task } from './types';
