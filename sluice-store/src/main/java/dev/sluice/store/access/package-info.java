/**
 * Access control in the database: teams, their use cases and virtual keys (issue 14). Secrets are never stored, only
 * their SHA-256; every change goes through the audit log in the same transaction. The request path never reads these
 * tables: it reads the in-memory view the gateway keeps of them.
 */
package dev.sluice.store.access;
