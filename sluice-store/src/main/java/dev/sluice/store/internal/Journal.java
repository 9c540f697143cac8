package dev.sluice.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local append-only JSONL file that keeps what could not be written to the database.
 *
 * <p>{@link #append} writes lines and fsyncs before returning. {@link #rotate} moves the current file aside as a
 * {@code .replay} file, which the replayer deletes once every line of it is in the database; files left over by a
 * crash are found again by {@link #pendingFiles}. Thread-safe: appends and rotation are serialised.
 */
public final class Journal {

    private final Path dir;
    private final String name;
    private final Path current;
    private long rotations;

    public Journal(Path dir, String name) {
        this.dir = dir;
        this.name = name;
        this.current = dir.resolve(name + ".jsonl");
    }

    /** Appends the lines and forces them to disk. */
    public synchronized void append(List<String> lines) throws IOException {
        Files.createDirectories(dir);
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        try (FileChannel channel = FileChannel.open(current, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }

    /** Moves the current file aside for replay, if it has content. */
    public synchronized void rotate() throws IOException {
        if (Files.exists(current) && Files.size(current) > 0) {
            Path target = dir.resolve("%s-%d-%06d.replay".formatted(name, System.currentTimeMillis(), rotations++));
            Files.move(current, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Files waiting for replay, oldest first. */
    public List<Path> pendingFiles() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String file = p.getFileName().toString();
                return file.startsWith(name + "-") && file.endsWith(".replay");
            }).sorted().toList();
        }
    }

    /** Whether anything (current or rotated) waits for replay. */
    public boolean hasContent() {
        return bytes() > 0;
    }

    /** Bytes waiting in the journal, current and rotated files together. */
    public long bytes() {
        try {
            long total = Files.exists(current) ? Files.size(current) : 0;
            for (Path p : pendingFiles()) {
                total += Files.size(p);
            }
            return total;
        } catch (IOException e) {
            return 0;
        }
    }
}
