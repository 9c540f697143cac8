package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.gateway.config.RouteDefinitions;
import dev.sluice.gateway.guardrails.GuardrailLibrary;
import dev.sluice.gateway.guardrails.GuardrailRef;
import dev.sluice.server.Authenticator;
import dev.sluice.server.ErrorShape;
import dev.sluice.server.RouteHandler;
import dev.sluice.server.Routes;
import dev.sluice.server.ServerRequest;
import dev.sluice.store.audit.AuditLog;
import dev.sluice.store.ledger.AdminResponse;
import dev.sluice.store.routes.RouteRepository;
import dev.sluice.store.routes.StoredRoute;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The admin API of routes ({@code /admin/routes}), master key only: list, read (with each deployment's live breaker
 * state on this node), create ({@code POST}), create or replace ({@code PUT}) and delete. A definition is a
 * {@code routes} entry of the config as JSON and is checked with the config file's routes exactly as the file is; a
 * fault is a 400 naming the field, and nothing changes. A route of the config file's name replaces the file's route
 * while it exists (deleting it brings the file's back); a route only in the file is read-only here. A change that
 * would break another route (a fallback to a route deleted) is a 409. Every change is made and audited in one
 * transaction that takes the route table's turn, then applied on this node at once and on the others when they next
 * look (within half a second), its response cache ({@code cache:}) and guardrail ({@code guardrail:}, which must
 * exist: else a 400 naming {@code guardrail.id}) included. Handlers block on JDBC and run on virtual threads.
 * Thread-safe.
 */
final class RouteAdminRoutes {

    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}");

    private final ManagedRoutes managed;
    private final RouteRepository repository;
    private final AuditLog audit;
    private final Authenticator auth;
    private final GuardrailLibrary guardrails;

    /** @param guardrails where a route's guardrail must exist */
    RouteAdminRoutes(ManagedRoutes managed, AuditLog audit, Authenticator auth, GuardrailLibrary guardrails) {
        this.managed = managed;
        this.guardrails = guardrails;
        this.repository = managed.repository();
        this.audit = audit;
        this.auth = auth;
    }

    /** An answer other than 200, thrown from deep in a change. */
    private static final class Refused extends RuntimeException {
        final AdminResponse response;

        Refused(int status, String type, String message, String param) {
            super(message, null, false, false);
            this.response = AdminResponse.error(status, type, message, param);
        }
    }

    void register(Routes routes) {
        long read = MAX_BODY_BYTES + 1L;
        routes.blocking("GET", "/admin/routes", 0, ErrorShape.SLUICE, admin(req -> list()));
        routes.blocking("POST", "/admin/routes", read, ErrorShape.SLUICE, admin(this::create));
        routes.blocking("GET", "/admin/routes/{name}", 0, ErrorShape.SLUICE, admin(req -> get(req.pathParam("name"))));
        routes.blocking("PUT", "/admin/routes/{name}", read, ErrorShape.SLUICE, admin(this::put));
        routes.blocking("DELETE", "/admin/routes/{name}", 0, ErrorShape.SLUICE, admin(this::delete));
    }

    // ---- reads

    private AdminResponse list() {
        Map<String, StoredRoute> stored = new LinkedHashMap<>();
        repository.all().forEach(r -> stored.put(r.name(), r));
        Set<String> names = new LinkedHashSet<>(managed.configuredNames());
        names.addAll(stored.keySet());
        ObjectNode out = Json.object();
        var data = out.putArray("data");
        names.forEach(n -> data.add(view(n, stored.get(n))));
        return AdminResponse.json(200, out);
    }

    private AdminResponse get(String name) {
        Optional<StoredRoute> stored = repository.find(name);
        if (stored.isEmpty() && managed.configured(name) == null) {
            return notFound(name);
        }
        return AdminResponse.json(200, view(name, stored.orElse(null)));
    }

    private ObjectNode view(String name, StoredRoute stored) {
        return RouteViews.route(name, stored, managed.configured(name),
                managed.routing().status(name).orElse(null), managed.problems().get(name));
    }

    // ---- changes

    private AdminResponse create(ServerRequest req) {
        ObjectNode body = body(req);
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual()) {
            throw new Refused(400, "invalid_request_error", "name: is required, as text", "name");
        }
        return change(checkedName(name.textValue()), body, 201, true);
    }

    private AdminResponse put(ServerRequest req) {
        String name = checkedName(req.pathParam("name"));
        ObjectNode body = body(req);
        JsonNode given = body.get("name");
        if (given != null && !(given.isTextual() && given.textValue().equals(name))) {
            throw new Refused(400, "invalid_request_error", "name: must be the path's name '" + name + "' or left"
                    + " out", "name");
        }
        return change(name, body, repository.find(name).isPresent() ? 200 : 201, false);
    }

    private AdminResponse delete(ServerRequest req) {
        String name = req.pathParam("name");
        if (repository.find(name).isEmpty()) {
            if (managed.configured(name) != null) {
                throw new Refused(409, "invalid_request_error", "The route '" + name + "' is defined in the config"
                        + " file; change the file to remove it (or PUT a route of this name to replace it).", null);
            }
            return notFound(name);
        }
        return change(name, null, 200, false);
    }

    /**
     * Stores {@code definition} under {@code name} (null: deletes it), checked with every other route inside the
     * audited transaction, then applies it on this node; {@code mustBeNew}: a 409 when a stored route has that name.
     */
    private AdminResponse change(String name, ObjectNode definition, int status, boolean mustBeNew) {
        ObjectNode stored = null;
        if (definition != null) {
            stored = Json.object().put("name", name);
            ObjectNode s = stored;
            definition.properties().forEach(e -> s.set(e.getKey(), e.getValue()));
        }
        Optional<StoredRoute> before = repository.find(name);
        String action = stored == null ? "route.delete" : before.isPresent() ? "route.update" : "route.create";
        ObjectNode after = stored;
        var entry = audit.append(AdminRoutes.MASTER, action, "route:" + name,
                before.map(r -> ManagedRoutes.parse(r.definition())).orElse(null), after, c -> {
                    RouteRepository.nextVersion(c);
                    SequencedMap<String, JsonNode> now = ManagedRoutes.definitions(RouteRepository.all(c));
                    if (mustBeNew && now.containsKey(name)) {
                        throw new Refused(409, "invalid_request_error", "name: a route '" + name + "' was made"
                                + " through the API already; PUT /admin/routes/" + name + " replaces it", "name");
                    }
                    check(name, after, now);
                    return after == null ? RouteRepository.delete(c, name)
                            : RouteRepository.put(c, name, Json.text(after), Instant.now());
                });
        if (entry == null) {
            return notFound(name);
        }
        managed.refresh();
        ObjectNode out = view(name, repository.find(name).orElse(null));
        if (after == null) {
            out.put("deleted", true);
        }
        return AdminResponse.json(status, out);
    }

    /** Refuses a change that is at fault itself (400) or that breaks a route working now (409). */
    private void check(String name, JsonNode definition, SequencedMap<String, JsonNode> now) {
        SequencedMap<String, JsonNode> next = new LinkedHashMap<>();
        if (definition != null) {
            next.put(name, definition);
        }
        now.forEach((n, d) -> {
            if (!n.equals(name)) {
                next.put(n, d);
            }
        });
        ManagedRoutes.Resolution was = managed.resolve(now);
        ManagedRoutes.Resolution will = managed.resolve(next);
        RouteDefinitions.Invalid own = will.left().get(name);
        if (own != null) {
            throw own;
        }
        will.routes().stream().filter(r -> r.name().equals(name) && r.guardrail() != null).findFirst()
                .ifPresent(r -> guardrailExists(r.guardrail()));
        will.left().forEach((other, fault) -> {
            if (!was.left().containsKey(other)) {
                throw new Refused(409, "invalid_request_error", "This change would break the route '" + other
                        + "': " + ManagedRoutes.describe(fault), null);
            }
        });
    }

    /** A route's guardrail must exist when it is set, as a file's route's must when Sluice starts. */
    private void guardrailExists(GuardrailRef ref) {
        if (guardrails.lookup(ref.id(), ref.version()) == null) {
            throw new Refused(400, "invalid_request_error", "guardrail.id: there is no guardrail '" + ref.id()
                    + "' with version " + ref.version() + " (define it under guardrails.definitions or through the"
                    + " API)", "guardrail.id");
        }
    }

    private static String checkedName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new Refused(400, "invalid_request_error", "name: must be 1 to 128 letters, digits or ._:@+-"
                    + " starting with a letter or digit", "name");
        }
        return name;
    }

    private static ObjectNode body(ServerRequest req) {
        byte[] bytes = req.body();
        if (bytes.length > MAX_BODY_BYTES) {
            throw new Refused(400, "invalid_request_error", "the body is larger than " + MAX_BODY_BYTES + " bytes",
                    null);
        }
        JsonNode json;
        try {
            json = Json.parse(bytes);
        } catch (IOException e) {
            throw new Refused(400, "invalid_request_error", "the body is not valid JSON", null);
        }
        if (json == null || !json.isObject()) {
            throw new Refused(400, "invalid_request_error", "the body must be a JSON object: a routes entry"
                    + " ({name, strategy, deployments: [{model, weight}], fallbacks, retries, timeout_ms, cache, guardrail})", null);
        }
        return (ObjectNode) json;
    }

    private static AdminResponse notFound(String name) {
        return AdminResponse.error(404, "not_found_error", "No route '" + name + "'.", null);
    }

    /** Master key only (403 for a virtual key, 401 otherwise); faults are answered in the admin error shape. */
    private RouteHandler admin(Function<ServerRequest, AdminResponse> action) {
        return (req, res) -> AdminRoutes.write(res, answer(req, action));
    }

    private AdminResponse answer(ServerRequest req, Function<ServerRequest, AdminResponse> action) {
        AdminResponse refused = AdminRoutes.refusal(auth, req);
        if (refused != null) {
            return refused;
        }
        try {
            return action.apply(req);
        } catch (Refused e) {
            return e.response;
        } catch (RouteDefinitions.Invalid e) {
            String field = e.field().isEmpty() ? null : e.field();
            return AdminResponse.error(400, "invalid_request_error", ManagedRoutes.describe(e), field);
        } catch (GatewayException e) {
            return AdminResponse.error(e.error().status(), AdminRoutes.errorType(e.error().status()),
                    e.error().message(), e.error().param());
        }
    }
}
