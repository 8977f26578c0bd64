package io.github.samcoauth.adapter.persistence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What makes a write survive a power cut: {@code fsync} of a file's bytes and of a directory's
 * entries. Nothing short of losing the machine's power shows whether these ran, so they live here
 * apart and mutation testing leaves their calls alone (see this module's POM); every other line
 * of the file store is mutated.
 */
final class Durability {

    private Durability() {}

    /** Forces a file's bytes (and, when {@code metadata}, its size and times) to the disk. */
    static void force(FileChannel channel, boolean metadata) throws IOException {
        channel.force(metadata);
    }

    /** Makes a rename or delete in {@code dir} durable; a no-op where directories cannot be synced. */
    static void syncDirectory(Path dir) {
        try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some platforms cannot open or sync a directory; the rename itself is still atomic
        }
    }
}
