/**
 * What an editor needs to help write a config, as one import: the cursor's context, completions,
 * hover text, and the docs tables they come from. Problems' quick fixes come with parseConfig.
 */
export { cursorContext, type CursorContext } from './cursorContext';
export { configCompletions, type CompletionInputs, type CompletionKind, type ConfigCompletion } from './completions';
export { configHover, type ConfigHover } from './hover';
export { docOfKey, keysAt, valuesAt, type KeyEntry, type ValueEntry } from './keyCatalog';
export { replaceValueAt, type ConfigProblem, type ProblemFix, type TextEdit } from './fixes';
