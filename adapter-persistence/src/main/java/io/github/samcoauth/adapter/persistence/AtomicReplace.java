package io.github.samcoauth.adapter.persistence;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;

/**
 * Replaces a file so that a crash at any instant leaves the old complete file or the new one:
 * write a temporary beside it, sync it, rename it over the target, sync the directory. Writers of
 * one file take turns through a lock file, across processes; readers need no lock.
 */
final class AtomicReplace {

    private final SecureFiles files;

    AtomicReplace(SecureFiles files) {
        this.files = files;
    }

    /**
     * Under {@code lock}: removes the temporaries a crashed writer left ({@code stale}), then
     * replaces {@code target} with {@code bytes} through {@code temp}.
     */
    void replace(Path lock, Predicate<Path> stale, Path temp, Path target, byte[] bytes) throws IOException {
        var dir = target.getParent();
        try (var held = files.lock(lock)) {
            removeStale(dir, stale);
            try {
                try (var channel = files.createNew(temp)) {
                    SecureFiles.writeFully(channel, bytes);
                    Durability.force(channel, true);
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            Durability.syncDirectory(dir);
        }
    }

    /** Under {@code lock}: deletes {@code target} and stale temporaries; true when the target existed. */
    boolean delete(Path lock, Predicate<Path> stale, Path target) throws IOException {
        var dir = target.getParent();
        try (var held = files.lock(lock)) {
            boolean existed = Files.deleteIfExists(target);
            removeStale(dir, stale);
            Durability.syncDirectory(dir);
            return existed;
        }
    }

    /** Renames {@code file} to {@code aside} atomically (never deletes it); the caller holds the lock. */
    static void moveAside(Path file, Path aside) throws IOException {
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        Durability.syncDirectory(file.getParent());
    }

    private static void removeStale(Path dir, Predicate<Path> stale) throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, stale::test)) {
            for (var path : stream) {
                Files.deleteIfExists(path);
            }
        }
    }
}
