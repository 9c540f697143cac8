/**
 * Guardrail definitions made through the API, in the database: a DRAFT per guardrail and its immutable numbered
 * versions, each a JSON document that this package stores as given (the guardrails module reads it).
 */
package dev.sluice.store.guardrails;
