/** The content classifier's parts: text normalisation and the weighted cue lexicon. Not a public API. */
package dev.sluice.guardrails.content.internal;
