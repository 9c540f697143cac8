/**
 * Reports of a run for people and for CI: terminal summary, Markdown for a pull-request comment, a self-contained
 * HTML page with inline SVG charts (works offline), and JUnit XML in the Ant format.
 */
package dev.sluice.evals.report;
