export { type AnalyseOptions, analysePost, DEFAULT_THRESHOLD, WEIGHTS } from './analyse';
export { classifyLink, findUrlsInText, type LinkClass, type LinkKind } from './links';
export { normaliseText } from './normalise';
export { findTpwds, type TpwdDelimiter, type TpwdHit } from './tpwd';
export { GUIDE_WORDS } from './vocab';
