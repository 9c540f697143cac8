package dev.sluice.store.routes;

import java.time.Instant;

/**
 * A route made through the admin API, as stored.
 *
 * @param definition its JSON definition, as text (a {@code routes} entry of the config)
 */
public record StoredRoute(String name, String definition, Instant createdAt, Instant updatedAt) { }
