/** The search space: parsing a `space:` section (flat or conditional) into distributions and conditions. */
export { defineSearchSpace, parseSpace, type ParsedSpace } from './parseSpace';
export { declaredNames, MAX_EACH } from './declarations';
export { eachCopyName, eachCopyOf, paramKeyIn, qualifiedName, variantsOf } from './names';
