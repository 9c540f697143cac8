/** Who may call what: the in-memory view of virtual keys that the request path consults (never a database). */
package dev.sluice.api.access;
