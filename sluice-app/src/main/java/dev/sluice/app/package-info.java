/**
 * The application: {@code main}, the command line, and all object wiring in one place ({@link dev.sluice.app.Wiring}).
 */
package dev.sluice.app;
