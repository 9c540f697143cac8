/**
 * Evaluation runs kept in Sluice's storage: manifests and case results as JSON documents whose format belongs to the
 * evaluation module (this module does not read them).
 */
package dev.sluice.store.evals;
