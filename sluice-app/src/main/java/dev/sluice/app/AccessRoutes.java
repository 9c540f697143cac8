package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.access.KeyGuardrail;
import dev.sluice.api.json.Json;
import dev.sluice.gateway.guardrails.GuardrailLibrary;
import dev.sluice.server.Authenticator;
import dev.sluice.server.ErrorShape;
import dev.sluice.server.Routes;
import dev.sluice.server.ServerRequest;
import dev.sluice.spi.ConfigBinder;
import dev.sluice.spi.ConfigException;
import dev.sluice.store.access.AccessKeyPair;
import dev.sluice.store.access.AccessRepository;
import dev.sluice.store.access.Grant;
import dev.sluice.store.access.KeyCache;
import dev.sluice.store.access.KeySecrets;
import dev.sluice.store.access.SecretSealer;
import dev.sluice.store.access.Team;
import dev.sluice.store.access.UseCase;
import dev.sluice.store.access.VirtualKey;
import dev.sluice.store.audit.AuditLog;
import dev.sluice.store.ledger.AdminResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The admin API for teams, use cases and virtual keys ({@code /admin/teams}, {@code /admin/use-cases},
 * {@code /admin/keys}): master key only. Every change is made and audited in one transaction, then this node's key
 * cache reloads at once (other nodes within a second). A key may carry a guardrail ({@code guardrail: {id, version}},
 * which must exist; {@code null} on an update removes it), applied to every call made with it. A key's secret is in the answer to its creation or rotation
 * and nowhere else: not logged, not audited, stored only as a digest and, for its key pair (an AWS access key id
 * whose secret access key is the same secret), sealed by the {@link SecretSealer}. Handlers run on the blocking
 * pool. Thread-safe.
 */
final class AccessRoutes {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private final AccessRepository repository;
    private final AuditLog audit;
    private final KeyCache keys;
    private final Authenticator auth;
    private final dev.sluice.api.access.Spend spend;
    private final SecretSealer sealer;
    private final GuardrailLibrary guardrails;

    /**
     * @param sealer seals the secrets of key pairs; null: keys get no pair
     * @param guardrails where a key's guardrail must exist
     */
    AccessRoutes(AccessRepository repository, AuditLog audit, KeyCache keys, Authenticator auth,
                 dev.sluice.api.access.Spend spend, SecretSealer sealer, GuardrailLibrary guardrails) {
        this.guardrails = guardrails;
        this.repository = repository;
        this.audit = audit;
        this.keys = keys;
        this.auth = auth;
        this.spend = spend;
        this.sealer = sealer;
    }

    /** Answers one admin request. */
    @FunctionalInterface
    interface Action {
        AdminResponse apply(ServerRequest req) throws IOException;
    }

    void register(Routes routes) {
        long read = MAX_BODY_BYTES + 1L;
        routes.blocking("GET", "/admin/teams", 0, ErrorShape.SLUICE, admin(req -> list(repository.teams().stream()
                .map(Team::toJson).toList())));
        routes.blocking("POST", "/admin/teams", read, ErrorShape.SLUICE, admin(this::createTeam));
        routes.blocking("GET", "/admin/teams/{id}", 0, ErrorShape.SLUICE, admin(req -> found(
                repository.team(req.pathParam("id")).map(Team::toJson), "team", req.pathParam("id"))));
        routes.blocking("PATCH", "/admin/teams/{id}", read, ErrorShape.SLUICE, admin(this::updateTeam));
        routes.blocking("DELETE", "/admin/teams/{id}", 0, ErrorShape.SLUICE, admin(this::deleteTeam));
        routes.blocking("GET", "/admin/use-cases", 0, ErrorShape.SLUICE, admin(req -> list(repository.useCases()
                .stream().map(UseCase::toJson).toList())));
        routes.blocking("POST", "/admin/use-cases", read, ErrorShape.SLUICE, admin(this::createUseCase));
        routes.blocking("GET", "/admin/use-cases/{id}", 0, ErrorShape.SLUICE, admin(req -> found(
                repository.useCase(req.pathParam("id")).map(UseCase::toJson), "use case", req.pathParam("id"))));
        routes.blocking("PATCH", "/admin/use-cases/{id}", read, ErrorShape.SLUICE, admin(this::updateUseCase));
        routes.blocking("DELETE", "/admin/use-cases/{id}", 0, ErrorShape.SLUICE, admin(this::deleteUseCase));
        routes.blocking("GET", "/admin/keys", 0, ErrorShape.SLUICE, admin(req -> list(repository.keys().stream()
                .map(VirtualKey::toJson).toList())));
        routes.blocking("POST", "/admin/keys", read, ErrorShape.SLUICE, admin(this::createKey));
        routes.blocking("GET", "/admin/keys/{id}", 0, ErrorShape.SLUICE, admin(req -> found(
                repository.key(req.pathParam("id")).map(this::withSpend), "key", req.pathParam("id"))));
        routes.blocking("PATCH", "/admin/keys/{id}", read, ErrorShape.SLUICE, admin(this::updateKey));
        routes.blocking("DELETE", "/admin/keys/{id}", 0, ErrorShape.SLUICE, admin(this::revokeKey));
        routes.blocking("POST", "/admin/keys/{id}/rotate", read, ErrorShape.SLUICE, admin(this::rotateKey));
    }

    // ---- teams

    private AdminResponse createTeam(ServerRequest req) throws IOException {
        AccessBodies.Owned b = AccessBodies.bind(body(req), AccessBodies.Owned.class);
        refuse(b.team(), "team", "a team belongs to no team");
        Instant now = Instant.now();
        Team t = new Team(KeySecrets.id("team"), ConfigBinder.required(b.name(), "name"), b.description(), b.owner(),
                AccessBodies.grant(b.models(), b.limits(), b.budget(), b.metadata(), Grant.OPEN), now, now);
        change("team.create", "team:" + t.id(), null, t.toJson(), c -> AccessRepository.insertTeam(c, t));
        return AdminResponse.json(201, t.toJson());
    }

    private AdminResponse updateTeam(ServerRequest req) throws IOException {
        Optional<Team> found = repository.team(req.pathParam("id"));
        if (found.isEmpty()) {
            return notFound("team", req.pathParam("id"));
        }
        Team before = found.get();
        AccessBodies.Owned b = AccessBodies.bind(body(req), AccessBodies.Owned.class);
        refuse(b.team(), "team", "a team belongs to no team");
        Team t = new Team(before.id(), b.name() != null ? b.name() : before.name(),
                b.description() != null ? b.description() : before.description(),
                b.owner() != null ? b.owner() : before.owner(),
                AccessBodies.grant(b.models(), b.limits(), b.budget(), b.metadata(), before.grant()),
                before.createdAt(), Instant.now());
        change("team.update", "team:" + t.id(), before.toJson(), t.toJson(), c -> AccessRepository.updateTeam(c, t));
        return AdminResponse.json(200, t.toJson());
    }

    private AdminResponse deleteTeam(ServerRequest req) {
        Optional<Team> found = repository.team(req.pathParam("id"));
        if (found.isEmpty()) {
            return notFound("team", req.pathParam("id"));
        }
        Team t = found.get();
        change("team.delete", "team:" + t.id(), t.toJson(), null, c -> AccessRepository.deleteTeam(c, t.id()));
        return AdminResponse.json(200, Json.object().put("id", t.id()).put("deleted", true));
    }

    // ---- use cases

    private AdminResponse createUseCase(ServerRequest req) throws IOException {
        AccessBodies.Owned b = AccessBodies.bind(body(req), AccessBodies.Owned.class);
        Team team = existingTeam(ConfigBinder.required(b.team(), "team"));
        Instant now = Instant.now();
        UseCase u = new UseCase(KeySecrets.id("uc"), team.id(), ConfigBinder.required(b.name(), "name"),
                b.description(), b.owner(),
                AccessBodies.grant(b.models(), b.limits(), b.budget(), b.metadata(), Grant.OPEN), now, now);
        change("use_case.create", "use_case:" + u.id(), null, u.toJson(), c -> AccessRepository.insertUseCase(c, u));
        return AdminResponse.json(201, u.toJson());
    }

    private AdminResponse updateUseCase(ServerRequest req) throws IOException {
        Optional<UseCase> found = repository.useCase(req.pathParam("id"));
        if (found.isEmpty()) {
            return notFound("use case", req.pathParam("id"));
        }
        UseCase before = found.get();
        AccessBodies.Owned b = AccessBodies.bind(body(req), AccessBodies.Owned.class);
        refuse(b.team(), "team", "a use case cannot move to another team");
        UseCase u = new UseCase(before.id(), before.teamId(), b.name() != null ? b.name() : before.name(),
                b.description() != null ? b.description() : before.description(),
                b.owner() != null ? b.owner() : before.owner(),
                AccessBodies.grant(b.models(), b.limits(), b.budget(), b.metadata(), before.grant()),
                before.createdAt(), Instant.now());
        change("use_case.update", "use_case:" + u.id(), before.toJson(), u.toJson(),
                c -> AccessRepository.updateUseCase(c, u));
        return AdminResponse.json(200, u.toJson());
    }

    private AdminResponse deleteUseCase(ServerRequest req) {
        Optional<UseCase> found = repository.useCase(req.pathParam("id"));
        if (found.isEmpty()) {
            return notFound("use case", req.pathParam("id"));
        }
        UseCase u = found.get();
        change("use_case.delete", "use_case:" + u.id(), u.toJson(), null,
                c -> AccessRepository.deleteUseCase(c, u.id()));
        return AdminResponse.json(200, Json.object().put("id", u.id()).put("deleted", true));
    }

    // ---- keys

    private AdminResponse createKey(ServerRequest req) throws IOException {
        AccessBodies.Key b = AccessBodies.bind(body(req), AccessBodies.Key.class);
        String teamId = b.team() == null ? null : existingTeam(b.team()).id();
        String useCaseId = null;
        if (b.useCase() != null) {
            UseCase u = repository.useCase(b.useCase()).orElseThrow(() -> invalid("use_case",
                    "no use case '" + b.useCase() + "'"));
            if (teamId != null && !teamId.equals(u.teamId())) {
                throw invalid("use_case", "use case '" + u.id() + "' belongs to another team");
            }
            teamId = u.teamId();
            useCaseId = u.id();
        }
        String secret = KeySecrets.generate();
        String id = KeySecrets.id("key");
        Instant now = Instant.now();
        VirtualKey k = new VirtualKey(id, ConfigBinder.required(b.name(), "name"), KeySecrets.prefix(secret),
                KeySecrets.sha256(secret), null, null, pair(id, secret), null, teamId, useCaseId, b.environment(),
                AccessBodies.grant(b.models(), b.limits(), b.budget(), b.metadata(), Grant.OPEN),
                AccessBodies.instant(b.expiresAt(), "expires_at"), now, now, null, guardrail(b.guardrail()));
        change("key.create", "key:" + k.id(), null, k.toJson(), c -> AccessRepository.insertKey(c, k));
        return AdminResponse.json(201, k.toJson().put("key", secret));
    }

    private AdminResponse updateKey(ServerRequest req) throws IOException {
        Optional<VirtualKey> found = repository.key(req.pathParam("id"));
        if (found.isEmpty() || found.get().revokedAt() != null) {
            return notFound("key", req.pathParam("id"));
        }
        VirtualKey before = found.get();
        JsonNode json = body(req);
        AccessBodies.Key b = AccessBodies.bind(json, AccessBodies.Key.class);
        KeyGuardrail guardrail = json.has("guardrail") ? guardrail(b.guardrail()) : before.guardrail();
        refuse(b.team(), "team", "a key cannot move to another team; create a new key");
        refuse(b.useCase(), "use_case", "a key cannot move to another use case; create a new key");
        VirtualKey k = new VirtualKey(before.id(), b.name() != null ? b.name() : before.name(), before.prefix(),
                before.secretSha256(), before.previousSha256(), before.previousValidUntil(), before.pair(),
                before.previousPair(), before.teamId(),
                before.useCaseId(), b.environment() != null ? b.environment() : before.environment(),
                AccessBodies.grant(b.models(), b.limits(), b.budget(), b.metadata(), before.grant()),
                b.expiresAt() != null ? AccessBodies.instant(b.expiresAt(), "expires_at") : before.expiresAt(),
                before.createdAt(), Instant.now(), null, guardrail);
        change("key.update", "key:" + k.id(), before.toJson(), k.toJson(), c -> AccessRepository.updateKey(c, k));
        return AdminResponse.json(200, k.toJson());
    }

    private AdminResponse revokeKey(ServerRequest req) {
        Optional<VirtualKey> found = repository.key(req.pathParam("id"));
        if (found.isEmpty() || found.get().revokedAt() != null) {
            return notFound("key", req.pathParam("id"));
        }
        Instant now = Instant.now();
        VirtualKey k = found.get();
        change("key.revoke", "key:" + k.id(), k.toJson(), Json.object().put("revoked_at", now.toString()),
                c -> AccessRepository.revokeKey(c, k.id(), now));
        return AdminResponse.json(200, Json.object().put("id", k.id()).put("revoked_at", now.toString()));
    }

    private AdminResponse rotateKey(ServerRequest req) throws IOException {
        Optional<VirtualKey> found = repository.key(req.pathParam("id"));
        if (found.isEmpty() || found.get().revokedAt() != null) {
            return notFound("key", req.pathParam("id"));
        }
        JsonNode json = req.body().length == 0 ? Json.object() : body(req);
        AccessBodies.Rotation r = AccessBodies.bind(json, AccessBodies.Rotation.class);
        Instant now = Instant.now();
        Instant graceEnds = now.plusSeconds(r.graceSeconds() == null ? 0 : r.graceSeconds());
        String secret = KeySecrets.generate();
        VirtualKey k = found.get();
        AccessKeyPair pair = pair(k.id(), secret);
        change("key.rotate", "key:" + k.id(), Json.object().put("prefix", k.prefix()).put("aws_access_key_id",
                        k.pair() == null ? null : k.pair().accessKeyId()),
                Json.object().put("prefix", KeySecrets.prefix(secret)).put("aws_access_key_id",
                        pair == null ? null : pair.accessKeyId()).put("previous_valid_until", graceEnds.toString()),
                c -> AccessRepository.rotateKey(c, k.id(), KeySecrets.sha256(secret), KeySecrets.prefix(secret),
                        pair, graceEnds, now));
        ObjectNode out = repository.key(k.id()).map(VirtualKey::toJson).orElseGet(Json::object);
        return AdminResponse.json(200, out.put("key", secret));
    }

    /**
     * A key with what it has spent in each of its budgets' current periods (its own, its use case's, its team's),
     * from the ledger: {@code budgets: [{scope, limit_usd, period, period_start, resets_at, spent_usd,
     * remaining_usd}]}. Calls still in the ledger's queue (a fraction of a second) are not in it yet.
     */
    private ObjectNode withSpend(VirtualKey k) {
        ObjectNode out = k.toJson();
        var list = out.putArray("budgets");
        Instant now = Instant.now();
        for (var b : keys.budgets(new dev.sluice.api.event.Caller(k.id(), k.teamId(), k.useCaseId(),
                k.environment()))) {
            long spent = spend.micros(b.scope(), b.periodStart(now));
            java.math.BigDecimal limit = java.math.BigDecimal.valueOf(b.limitMicros(), 6).stripTrailingZeros();
            java.math.BigDecimal used = java.math.BigDecimal.valueOf(spent, 6).stripTrailingZeros();
            Instant resets = b.periodEnd(now);
            list.addObject().put("scope", b.scope()).put("limit_usd", limit).put("period", b.period())
                    .put("period_start", b.periodStart(now).toString())
                    .put("resets_at", resets == null ? null : resets.toString()).put("spent_usd", used)
                    .put("remaining_usd", limit.subtract(used).max(java.math.BigDecimal.ZERO));
        }
        return out;
    }

    /** A fresh key pair for key {@code keyId} whose secret access key is {@code secret}; null without a sealer. */
    private AccessKeyPair pair(String keyId, String secret) {
        if (sealer == null) {
            return null;
        }
        String accessKeyId = KeySecrets.accessKeyId();
        return new AccessKeyPair(accessKeyId, sealer.seal(secret, SecretSealer.context(keyId, accessKeyId)));
    }

    /**
     * The guardrail a body gives a key, which must exist (a 400 naming {@code guardrail.id} otherwise, before anything
     * is written); null for none. May read the database.
     */
    private KeyGuardrail guardrail(AccessBodies.Guardrail g) {
        if (g == null) {
            return null;
        }
        if (guardrails.lookup(g.id(), g.version()) == null) {
            throw invalid("guardrail.id", "there is no guardrail '" + g.id() + "' with version " + g.version()
                    + " (define it under guardrails.definitions or through the API)");
        }
        return g.toKey();
    }

    // ---- shared

    private void change(String action, String target, JsonNode before, JsonNode after, AuditLog.Change change) {
        audit.append(AdminRoutes.MASTER, action, target, before, after, change);
        keys.refresh();
    }

    private Team existingTeam(String idOrName) {
        return repository.team(idOrName).orElseThrow(() -> invalid("team", "no team '" + idOrName + "'"));
    }

    private static void refuse(String value, String field, String why) {
        if (value != null) {
            throw invalid(field, why);
        }
    }

    private static ConfigBinder.Invalid invalid(String field, String problem) {
        return new ConfigBinder.Invalid(field, problem);
    }

    private static JsonNode body(ServerRequest req) {
        byte[] bytes = req.body();
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ConfigBinder.Invalid("", "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode json = Json.parse(bytes);
            if (json == null || !json.isObject()) {
                throw new ConfigBinder.Invalid("", "the body must be a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw new ConfigBinder.Invalid("", "the body is not valid JSON");
        }
    }

    private static AdminResponse list(List<ObjectNode> items) {
        ObjectNode out = Json.object();
        items.forEach(out.putArray("data")::add);
        return AdminResponse.json(200, out);
    }

    private static AdminResponse found(Optional<ObjectNode> item, String kind, String id) {
        return item.map(i -> AdminResponse.json(200, i)).orElseGet(() -> notFound(kind, id));
    }

    private static AdminResponse notFound(String kind, String id) {
        return AdminResponse.error(404, "not_found_error", "No " + kind + " '" + id + "'.", null);
    }

    /** Master key only; a virtual key is refused with 403, anything else with 401. Faults in a body are 400s. */
    private dev.sluice.server.RouteHandler admin(Action action) {
        return (req, res) -> AdminRoutes.write(res, answer(req, action));
    }

    private AdminResponse answer(ServerRequest req, Action action) {
        AdminResponse refused = AdminRoutes.refusal(auth, req);
        if (refused != null) {
            return refused;
        }
        try {
            return action.apply(req);
        } catch (ConfigBinder.Invalid e) {
            return AdminResponse.error(400, "invalid_request_error", field(e.key()) + e.getMessage(), e.key());
        } catch (ConfigException e) {
            String field = e.where().startsWith(AccessBodies.WHERE + ".")
                    ? e.where().substring(AccessBodies.WHERE.length() + 1) : e.where();
            return AdminResponse.error(400, "invalid_request_error", field(field) + e.problem(), field);
        } catch (GatewayException e) {
            return AdminResponse.error(e.error().status(), AdminRoutes.errorType(e.error().status()),
                    e.error().message(), e.error().param());
        } catch (IOException e) {
            return AdminResponse.error(400, "invalid_request_error", "the body could not be read", null);
        }
    }

    private static String field(String key) {
        return key == null || key.isEmpty() ? "" : key + ": ";
    }
}
