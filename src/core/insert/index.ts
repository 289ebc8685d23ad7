/**
 * Insert Best Params at the cursor: text that fits the document's language and the cursor's context,
 * and the literal alone for completions. Pure: the editor applies the returned replacement itself.
 */
export { paramsInsertion, paramValueText, type InsertSource, type ParamsInsertion, type ParamsInsertionRequest } from './insertText';
export { type InsertContext, type InsertContextKind } from './cursorContext';
export { insertLanguageOf, SUPPORTED_LANGUAGE_IDS, unsupportedLanguageMessage, type InsertLanguage } from './insertLanguage';
export { type Placement } from './placement';
