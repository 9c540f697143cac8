/**
 * Test support shared by all modules: a fake upstream on a real socket that replays recorded wire transcripts byte
 * for byte, and the provider contract suite that every provider must pass.
 */
package dev.sluice.testkit;
