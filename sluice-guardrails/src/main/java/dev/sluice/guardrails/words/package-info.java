/**
 * Word filters: custom words and phrases, and a managed profanity list shipped with the module
 * ({@code profanity-en.txt}), each matched as whole words, ignoring case, width and zero-width characters.
 * {@link dev.sluice.guardrails.words.WordFilter} applies a {@link dev.sluice.guardrails.words.WordPolicy} to a text.
 */
package dev.sluice.guardrails.words;
