package dev.sluice.store.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The head of the audit chain as this node last saw it (the newest row it wrote or verified: its seq and hash), kept
 * in a file outside the database, so that removing the newest rows, or all of them, shows. Thread-safe; the file is
 * replaced atomically and forced to disk.
 */
public final class AuditAnchor {

    private static final Logger LOG = LoggerFactory.getLogger(AuditAnchor.class);

    /** The anchored head; seq 0 when nothing is anchored yet. */
    public record Head(long seq, String hash) {
        static final Head NONE = new Head(0, null);
    }

    private final Path file;
    private Head head;

    public AuditAnchor(Path file) {
        this.file = file;
        this.head = read(file);
    }

    private static Head read(Path file) {
        try {
            if (!Files.exists(file)) {
                return Head.NONE;
            }
            String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
            if (parts.length != 2 || !parts[1].matches("[0-9a-f]{64}")) {
                throw new IllegalStateException("the audit anchor " + file + " is not '<seq> <hash>'");
            }
            return new Head(Long.parseLong(parts[0]), parts[1]);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read the audit anchor " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized Head head() { return head; }

    /** Moves the anchor forward to {@code seq}; an older seq (another node's row, committed earlier) is ignored. */
    public synchronized void advance(long seq, String hash) {
        if (seq <= head.seq()) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap((seq + " " + hash + "\n").getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            head = new Head(seq, hash);
        } catch (IOException e) {
            LOG.error("audit: cannot move the anchor to seq {}: {}", seq, e.toString());
        }
    }
}
