package dev.sluice.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's link to the cluster's Redis: the connection (Lettuce), the node's heartbeat and what the cluster knows
 * of its live nodes, and whether Redis can be counted on now.
 *
 * <p>Every {@value #BEAT_MS} ms the node writes its heartbeat (a sorted set of node ids scored by Redis's own clock,
 * so the nodes' clocks need not agree) and reads how many nodes beat within the last {@value #LIVE_MS} ms. While
 * that works Redis is <em>up</em>; when a beat or a call fails or times out it is <em>down</em>, and the counters count
 * on this node, each scope getting its share (limit ÷ the live nodes last seen). Lettuce reconnects by itself (and
 * refuses commands at once while disconnected, so no call waits for a dead Redis); the first beat that works again runs
 * the recovery hooks (handing the counts made meanwhile back to Redis) and only then says Redis is up. A node that
 * stops leaves the set; one that dies drops out after {@value #LIVE_MS} ms, and its share of calls at once and of
 * reservations with it. Thread-safe.
 */
public final class RedisCluster implements AutoCloseable {

    static final long BEAT_MS = 500;
    static final long LIVE_MS = 3000;
    private static final Logger LOG = LoggerFactory.getLogger(RedisCluster.class);
    private static final Scripts.Script BEAT = Scripts.load("beat.lua");
    /** Keys are text, values bytes: what Bucket4j stores and what the scripts read. */
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisSettings settings;
    private final RedisClient client;
    private final String nodeId;
    private final ScheduledExecutorService beats;
    private final List<java.util.function.Supplier<List<CompletableFuture<?>>>> recoveries =
            new CopyOnWriteArrayList<>();
    /** Held while deciding between Redis and this node's share, and while Redis comes back: see {@link #mode}. */
    private final Object mode = new Object();
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile boolean up;
    private volatile int liveNodes = 1;
    private volatile boolean closed;
    /** The digests of the scripts this Redis has run since it was last seen up: those go by digest. */
    private final Set<String> loaded = ConcurrentHashMap.newKeySet();

    private RedisCluster(RedisSettings settings) {
        this.settings = settings;
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.timeout());
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
                .build());
        byte[] id = new byte[6];
        new SecureRandom().nextBytes(id);
        this.nodeId = HexFormat.of().formatHex(id);
        this.beats = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sluice-cluster-beat").daemon().factory());
    }

    /**
     * Connects and beats once (waiting at most a few seconds); when Redis cannot be reached, the node starts anyway,
     * counting on its own, and keeps trying.
     */
    public static RedisCluster start(RedisSettings settings) {
        RedisCluster c = new RedisCluster(settings);
        c.beat();
        if (!c.up) {
            LOG.warn("cluster: Redis at {} cannot be reached; limits and budgets are counted on this node with its "
                    + "share until it can", c.redacted());
        }
        c.beats.scheduleWithFixedDelay(c::beat, BEAT_MS, BEAT_MS, TimeUnit.MILLISECONDS);
        return c;
    }

    /** The URL without its password, for logs and {@code /health}. */
    String redacted() {
        return settings.url().replaceFirst("//[^@/]*@", "//***@");
    }

    /** One heartbeat: (re)connects when needed, writes this node's beat, reads the live nodes, recovers after a fault. */
    private void beat() {
        if (closed) {
            return;
        }
        try {
            StatefulRedisConnection<String, byte[]> c = connection;
            if (c == null) {
                c = client.connect(CODEC);
                connection = c;
            }
            Long live = c.async().<Long>eval(BEAT.text(), ScriptOutputType.INTEGER, new String[] {key("nodes")},
                    bytes(nodeId), bytes(Long.toString(LIVE_MS))).get(settings.timeoutMs() * 4,
                    TimeUnit.MILLISECONDS);
            liveNodes = (int) Math.max(1, live);
            if (!up) {
                List<CompletableFuture<?>> sent = new java.util.ArrayList<>();
                synchronized (mode) {
                    // what the counters hand back is sent before any call can count in Redis again
                    for (var r : recoveries) {
                        sent.addAll(r.get());
                    }
                    up = true;
                }
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                        .get(settings.timeoutMs() * 4, TimeUnit.MILLISECONDS); // a failure: down again, retried
                LOG.info("cluster: Redis at {} is up; {} live node(s) share every limit and budget", redacted(),
                        liveNodes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            markDown(e);
        }
    }

    /** Redis failed a command: count on this node until a beat works again. */
    void markDown(Throwable why) {
        loaded.clear(); // a Redis that comes back may have restarted without its scripts
        if (up) {
            up = false;
            Throwable cause = why;
            while ((cause instanceof java.util.concurrent.CompletionException
                    || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            LOG.warn("cluster: Redis at {} failed ({}: {}); each node now enforces its share of every limit and "
                    + "budget (1/{}) until it is back", redacted(), cause.getClass().getSimpleName(),
                    cause.getMessage(), liveNodes);
        }
    }

    /**
     * Calls {@code r} each time Redis comes back, holding {@link #mode()}, before any call counts in Redis again: it
     * sends what its counter must hand back (without waiting) and gives the answers to wait for.
     */
    void onRecovery(java.util.function.Supplier<List<CompletableFuture<?>>> r) {
        recoveries.add(r);
    }

    /**
     * The lock under which a counter decides to count in Redis or on this node and sends its command: Redis cannot
     * come back in between, so nothing counted on this node is missed by the hand-back. Held only for moments (sending
     * a command does not wait for its answer).
     */
    Object mode() {
        return mode;
    }

    /** Whether the counters use Redis now. */
    public boolean up() {
        return up;
    }

    /** The nodes that beat within the last few seconds, as last seen (at least 1: this one). */
    public int liveNodes() {
        return liveNodes;
    }

    /** This node's id in the cluster's sets. */
    String nodeId() {
        return nodeId;
    }

    /** What {@code /health} says of the cluster. */
    public java.util.Map<String, Object> health() {
        return up ? java.util.Map.of("redis", "up", "nodes", liveNodes)
                : java.util.Map.of("redis", "down", "nodes", liveNodes, "limits",
                        "each node enforces 1/" + liveNodes + " of every limit and budget until Redis is back");
    }

    /** The commands of the shared connection; callers check {@link #up()} first. */
    RedisAsyncCommands<String, byte[]> commands() {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c == null) {
            throw new IllegalStateException("Redis is not connected");
        }
        return c.async();
    }

    /** A key under the configured prefix. */
    String key(String name) {
        return settings.keyPrefix() + name;
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Runs a script that answers a whole number or a list of them, failing after {@code settings.timeout()}; never
     * throws (a refused command is a failed stage). A script goes by its text until Redis has run it once, then by its
     * digest ({@code EVALSHA}); either way it is one command, so one node's commands keep their order. Should Redis
     * answer that it does not know a digest (a {@code SCRIPT FLUSH}), the text is sent after all.
     */
    <T> CompletableFuture<T> eval(Scripts.Script script, ScriptOutputType type, String[] keys, String... args) {
        byte[][] values = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            values[i] = bytes(args[i]);
        }
        try {
            RedisAsyncCommands<String, byte[]> commands = commands();
            if (!loaded.contains(script.sha1())) {
                return commands.<T>eval(script.text(), type, keys, values).toCompletableFuture()
                        .thenApply(answer -> {
                            loaded.add(script.sha1());
                            return answer;
                        });
            }
            return commands.<T>evalsha(script.sha1(), type, keys, values).toCompletableFuture()
                    .exceptionallyCompose(e -> unwrap(e) instanceof RedisNoScriptException
                            ? commands.<T>eval(script.text(), type, keys, values).toCompletableFuture()
                            : CompletableFuture.failedFuture(e));
        } catch (RuntimeException e) { // not connected: refused at once
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    static long number(Object o) {
        return o instanceof Long l ? l : Long.parseLong(new String((byte[]) o, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        closed = true;
        beats.shutdownNow();
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null && up) {
            try {
                c.async().zrem(key("nodes"), bytes(nodeId)).get(settings.timeoutMs(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // the others drop this node when its beats stop
            }
        }
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
