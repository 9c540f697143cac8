/**
 * Content filters (HATE, INSULTS, SEXUAL, VIOLENCE, MISCONDUCT) and prompt-attack detection, with Bedrock's
 * strengths and confidences. {@link dev.sluice.guardrails.content.ContentClassifier} is a local classifier: the text
 * is normalised (base64 runs decoded, zero-width characters removed, leetspeak and homoglyphs folded, case folded)
 * and matched against weighted cue lexicons shipped in the module's resources, in English and a handful of other
 * languages. Pure computation, no I/O after construction, linear in the text's length. A judge model that confirms
 * findings is a later hook, not built.
 */
package dev.sluice.guardrails.content;
