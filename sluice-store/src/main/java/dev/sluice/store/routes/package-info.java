/**
 * Routes made through the admin API, in the database: one JSON definition per route name (a {@code routes} entry of
 * the config, which the gateway's reader checks) and the number of the route table's version that every node watches.
 */
package dev.sluice.store.routes;
