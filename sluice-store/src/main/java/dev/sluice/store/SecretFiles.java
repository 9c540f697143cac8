package dev.sluice.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that hold secrets in the data folder ({@code <data>/secrets}): a folder only its owner may enter, files only
 * the owner may read, written whole or not at all. Where the file system has no POSIX permissions its own access
 * control applies.
 */
public final class SecretFiles {

    private SecretFiles() { }

    /** Creates {@code dir} if needed and makes it owner-only ({@code 0700}). */
    public static void ownerOnlyFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        restrict(dir, "rwx------");
    }

    /**
     * Writes {@code text} to {@code file} (its folder made owner-only first) through a temporary file that is
     * owner-only before a byte goes in, then moved into place atomically.
     */
    public static void write(Path file, String text) throws IOException {
        ownerOnlyFolder(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        restrict(tmp, "rw-------");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Makes an existing file owner-only ({@code 0600}), in case it was created otherwise. */
    public static void ownerOnly(Path file) throws IOException {
        restrict(file, "rw-------");
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException | AccessDeniedException e) {
            // not a POSIX file system: its own access control applies
        }
    }
}
