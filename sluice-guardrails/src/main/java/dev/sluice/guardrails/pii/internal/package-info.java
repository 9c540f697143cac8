/**
 * The detectors behind {@link dev.sluice.guardrails.pii.SensitiveInformationFilter}, not part of the public surface.
 * Each built-in type has a hand-written scanner (no regular expressions, so no backtracking) that finds candidates by
 * shape in one pass and keeps those its format allows (checksums, ranges, country tables); custom regexes run on
 * RE2/J. Candidates then have their confidence moved by context words ({@link ContextIndex}) and overlapping ones are
 * settled in favour of the most confident ({@link Overlaps}). Offsets are UTF-16 indexes into the checked string.
 */
package dev.sluice.guardrails.pii.internal;
