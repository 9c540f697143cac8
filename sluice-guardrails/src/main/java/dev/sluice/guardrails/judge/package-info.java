/**
 * Judge models that confirm what the local classifiers detect ({@link dev.sluice.guardrails.judge.Judge}); the
 * gateway supplies one that calls its own API.
 */
package dev.sluice.guardrails.judge;
