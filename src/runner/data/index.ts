export { DataError } from './dataError';
export { parseCsv, parseJsonLines, readTable, type TableFormat } from './readTable';
export { MAX_INTEGER_CLASSES, prepareData } from './prepareData';
export type { Cell, PreparedData, PreparedFold, PrepareOptions, Table, Task } from './types';
