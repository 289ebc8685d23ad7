/** Moved to ./studyView/trialAttrs (the read model): this re-export goes once every import uses that. */
export * from './studyView/trialAttrs';
