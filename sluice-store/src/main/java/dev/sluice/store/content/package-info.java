/**
 * Optional capture of request and response bodies, stored apart from the ledger ({@code call_content}), redacted by
 * a {@link dev.sluice.store.content.Redactor} and cut to a size cap. Off unless configured.
 */
package dev.sluice.store.content;
