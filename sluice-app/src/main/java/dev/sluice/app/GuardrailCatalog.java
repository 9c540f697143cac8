package dev.sluice.app;

import dev.sluice.api.json.Json;
import dev.sluice.guardrails.apply.CompiledGuardrail;
import dev.sluice.guardrails.apply.RememberedChecks;
import dev.sluice.guardrails.topics.MiniLmEmbedder;
import dev.sluice.guardrails.judge.Judge;
import dev.sluice.guardrails.bedrock.GuardrailJson;
import dev.sluice.guardrails.definition.GuardrailConfig;
import dev.sluice.store.guardrails.GuardrailRepository;
import dev.sluice.store.guardrails.StoredGuardrail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every guardrail this Sluice knows: those of the config file (read-only, found first) and those made through the API
 * (in the database; none without storage). Versions are found by id and {@code DRAFT} or number, and compiled once
 * each (a numbered version never changes; a DRAFT is compiled again when it changes). Reads may block on JDBC: call
 * off the event loops. Thread-safe.
 */
final class GuardrailCatalog implements dev.sluice.gateway.guardrails.GuardrailLibrary {

    /** Bedrock's guardrail identifier: an id, or the guardrail's ARN. */
    private static final Pattern IDENTIFIER = Pattern.compile(
            "([a-z0-9]+)|arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/([a-z0-9]+)");
    private static final Pattern VERSION = Pattern.compile("DRAFT|[1-9][0-9]{0,7}");
    private static final int COMPILED = 256;

    /** One version of a guardrail. */
    record Entry(String id, String version, GuardrailConfig config, Instant createdAt, Instant updatedAt,
                 boolean fromConfig) { }

    /** A guardrail's id (or the identifier a call named it by) and version, as the caches below key them. */
    private record Key(String id, String version) { }

    /**
     * The config file's guardrails as found, by id and version: every guarded call asks, and building the
     * entry again (its compiled-guardrail key formats a timestamp) cost microseconds each time (profile of
     * {@code bench/gateway-guardrails.sh --profile bench-words}). At most two per guardrail: DRAFT and its version.
     */
    private final java.util.concurrent.ConcurrentHashMap<Key, Found> fromFile =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<Key, Found> numbered =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final GuardrailSettings settings;
    private final GuardrailRepository repository;
    private final Judge judge;
    private final Instant started = Instant.now();
    /** What every compiled version's checks found in long texts seen recently (a system prompt, a history). */
    private final RememberedChecks remembered = new RememberedChecks(RememberedChecks.DEFAULT_MAX_TOTAL_CHARS);
    private final Map<String, CompiledGuardrail> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledGuardrail> eldest) {
            return size() > COMPILED;
        }
    };

    /** @param repository the database's guardrails, or null when this Sluice has no storage */
    GuardrailCatalog(GuardrailSettings settings, GuardrailRepository repository) {
        this(settings, repository, Judge.NONE);
    }

    /** @param judge asks the judge models that guardrails name (the topic and content policies' {@code judgeModel}) */
    GuardrailCatalog(GuardrailSettings settings, GuardrailRepository repository, Judge judge) {
        this.settings = settings;
        this.repository = repository;
        this.judge = judge;
    }

    /** The id an identifier names (an id, or an ARN's last part), or null when it is neither. */
    static String idOf(String identifier) {
        if (identifier == null || identifier.length() > 2048) {
            return null;
        }
        var m = IDENTIFIER.matcher(identifier);
        return !m.matches() ? null : m.group(1) != null ? m.group(1) : m.group(3);
    }

    static boolean validVersion(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    String arn(String id) {
        return settings.arn(id);
    }

    /** Null when guardrails can be made through the API, else why not. */
    String readOnlyReason() {
        return repository == null ? "This Sluice keeps no storage (storage: none), so it serves only the guardrails"
                + " of its config file; start it with storage to make guardrails through the API." : null;
    }

    GuardrailRepository repository() { return repository; }

    /** The config file's guardrail with this id, if any. */
    Optional<GuardrailSettings.Defined> configured(String id) {
        return settings.definitions().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Whether the config file has a guardrail of this name. */
    boolean configuredName(String name) {
        return settings.definitions().stream().anyMatch(d -> d.config().name().equals(name));
    }

    Optional<Entry> find(String id, String version) {
        var defined = configured(id);
        if (defined.isPresent()) {
            var d = defined.get();
            return version.equals(StoredGuardrail.DRAFT) || version.equals(d.version())
                    ? Optional.of(fromConfig(d, version)) : Optional.empty();
        }
        return repository == null ? Optional.empty() : repository.find(id, version).map(GuardrailCatalog::stored);
    }

    /** Every guardrail's DRAFT: the config file's, then the database's. */
    List<Entry> drafts() {
        List<Entry> out = new ArrayList<>();
        settings.definitions().forEach(d -> out.add(fromConfig(d, StoredGuardrail.DRAFT)));
        if (repository != null) {
            repository.drafts().stream().filter(s -> configured(s.id()).isEmpty())
                    .forEach(s -> out.add(stored(s)));
        }
        return out;
    }

    /** A guardrail's DRAFT and numbered versions; empty when there is no such guardrail. */
    List<Entry> versions(String id) {
        var defined = configured(id);
        if (defined.isPresent()) {
            return List.of(fromConfig(defined.get(), StoredGuardrail.DRAFT),
                    fromConfig(defined.get(), defined.get().version()));
        }
        return repository == null ? List.of() : repository.versions(id).stream().map(GuardrailCatalog::stored)
                .toList();
    }

    /** {@inheritDoc} Reads the database for a guardrail made through the API. */
    @Override
    public Found lookup(String identifier, String version) {
        String id = idOf(identifier);
        if (id == null || !validVersion(version)) {
            return null;
        }
        Found found = find(id, version).map(e -> new Found(e.id(), e.version(), arn(e.id()), compiled(e)))
                .orElse(null);
        if (found != null && !found.version().equals(StoredGuardrail.DRAFT) && configured(id).isEmpty()
                && numbered.size() < COMPILED) {
            numbered.put(new Key(id, version), found);
        }
        return found;
    }

    /**
     * {@inheritDoc} The config file's guardrails, and numbered versions from the database found before (they never
     * change; a version deleted since goes on being applied until restart rather than letting calls through).
     */
    @Override
    public Found cached(String identifier, String version) {
        if (identifier == null || version == null) {
            return null;
        }
        // most calls name a guardrail by its id: found without parsing the identifier (both maps hold valid ids and
        // versions only, so a hit means the identifier was one)
        Key named = new Key(identifier, version);
        Found found = fromFile.get(named);
        if (found == null) {
            found = numbered.get(named);
        }
        if (found != null) {
            return found;
        }
        String id = idOf(identifier);
        if (id == null || !validVersion(version)) {
            return null;
        }
        Key key = new Key(id, version);
        found = fromFile.get(key);
        if (found != null) {
            return found;
        }
        if (configured(id).isPresent()) {
            found = lookup(id, version);
            if (found != null) {
                fromFile.putIfAbsent(key, found); // read-only while the process runs: found once, not per call
            }
            return found;
        }
        return numbered.get(key);
    }

    /** The entry ready to check texts; built once per version (and per change of a DRAFT). */
    CompiledGuardrail compiled(Entry e) {
        String key = e.id() + "@" + e.version() + "@" + e.updatedAt();
        synchronized (compiled) {
            CompiledGuardrail found = compiled.get(key);
            if (found != null) {
                return found;
            }
        }
        CompiledGuardrail built = new CompiledGuardrail(e.config(), MiniLmEmbedder.shared(), judge, remembered);
        synchronized (compiled) {
            compiled.putIfAbsent(key, built);
        }
        return built;
    }

    private Entry fromConfig(GuardrailSettings.Defined d, String version) {
        return new Entry(d.id(), version, d.config(), started, started, true);
    }

    private static Entry stored(StoredGuardrail s) {
        try {
            return new Entry(s.id(), s.version(), GuardrailJson.fromStored(Json.parse(s.definition())),
                    s.createdAt(), s.updatedAt(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("guardrail " + s.id() + " holds JSON that does not parse", e);
        }
    }
}
