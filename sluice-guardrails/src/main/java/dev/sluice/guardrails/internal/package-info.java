/**
 * Text machinery shared by the policies, not part of the public surface: cutting text into words the way a reader
 * sees them (Unicode letters, digits and marks; case and width folded; zero-width characters ignored) and finding
 * listed words and phrases among them. Every scan here is one pass over the text.
 */
package dev.sluice.guardrails.internal;
