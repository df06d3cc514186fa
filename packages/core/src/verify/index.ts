export { Verifier } from './verifier.js';
export { verifyEntries, type VerifyEntriesOptions } from './verify-entries.js';
export { FINDING_KINDS, formatLocation, type EntryLocation, type Finding, type FindingKind } from './finding.js';
export type { VerifierOptions, VerifiedEntry, VerifyAnchor } from './options.js';
export type { TrailReport, VerifyReport } from './report.js';
