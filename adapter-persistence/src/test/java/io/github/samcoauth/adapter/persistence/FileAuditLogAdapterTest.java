package io.github.samcoauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.domain.ServerTime;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAuditLogAdapterTest {

    @TempDir
    Path stateDir;

    private static AuditEvent event(AuditEvent.Type type, String subject) {
        return new AuditEvent(
                Instant.parse("2025-01-13T04:40:40Z"),
                type,
                Option.of(subject),
                Option.some("1e439d95-5e57-4810-b57e-df94e74776ea"),
                Option.some(ServerTime.parse("13/01/25 10:10:40")),
                "success");
    }

    @Test
    void givenEvents_whenRecorded_thenOneJsonLineEachInA0600File() throws Exception {
        var audit = new FileAuditLogAdapter(stateDir);
        audit.record(event(AuditEvent.Type.OTP_REQUESTED, "DV99999"));
        audit.record(new AuditEvent(
                Instant.parse("2025-01-13T04:41:00Z"),
                AuditEvent.Type.LOGIN_REJECTED,
                Option.none(),
                Option.none(),
                Option.none(),
                "rejected"));
        assertThat(Files.readAllLines(stateDir.resolve("audit.jsonl")))
                .containsExactly(
                        "{\"time\":\"2025-01-13T04:40:40Z\",\"event\":\"otp-requested\",\"subject\":\"DV99999\","
                                + "\"msgId\":\"1e439d95-5e57-4810-b57e-df94e74776ea\",\"serverTime\":\"13/01/25 10:10:40\",\"outcome\":\"success\"}",
                        "{\"time\":\"2025-01-13T04:41:00Z\",\"event\":\"login-rejected\",\"outcome\":\"rejected\"}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("audit.jsonl"))))
                .isEqualTo("rw-------");
    }

    @Test
    void givenSizeLimit_whenExceeded_thenRotatedAndBounded() throws Exception {
        var audit = new FileAuditLogAdapter(stateDir, 1000, 2);
        for (int i = 0; i < 100; i++) {
            assertThat(audit.record(event(AuditEvent.Type.LOGIN_SUCCEEDED, "DV" + (10000 + i))))
                    .isRight();
        }
        assertThat(Files.size(stateDir.resolve("audit.jsonl"))).isLessThanOrEqualTo(1000);
        assertThat(Files.size(stateDir.resolve("audit.jsonl.1"))).isLessThanOrEqualTo(1000);
        assertThat(Files.exists(stateDir.resolve("audit.jsonl.2"))).isTrue();
        assertThat(Files.exists(stateDir.resolve("audit.jsonl.3"))).isFalse();
        var last = Files.readAllLines(stateDir.resolve("audit.jsonl"));
        assertThat(last.get(last.size() - 1)).contains("DV10099");
        assertThat(Files.readAllLines(stateDir.resolve("audit.jsonl.1")).get(0))
                .contains("\"event\":\"login-succeeded\"");
    }

    @Test
    void givenTwoEventsThatFillTheLimitExactly_whenRecorded_thenOneFileAndTheThirdRotates() throws Exception {
        var probe = new FileAuditLogAdapter(stateDir.resolve("probe"));
        probe.record(event(AuditEvent.Type.LOGIN_SUCCEEDED, "DV10000"));
        long line = Files.size(stateDir.resolve("probe/audit.jsonl"));
        var audit = new FileAuditLogAdapter(stateDir, 2 * line, 3);

        audit.record(event(AuditEvent.Type.LOGIN_SUCCEEDED, "DV10001"));
        audit.record(event(AuditEvent.Type.LOGIN_SUCCEEDED, "DV10002"));
        assertThat(Files.size(stateDir.resolve("audit.jsonl"))).isEqualTo(2 * line);
        assertThat(stateDir.resolve("audit.jsonl.1")).doesNotExist();

        audit.record(event(AuditEvent.Type.LOGIN_SUCCEEDED, "DV10003"));
        assertThat(Files.readAllLines(stateDir.resolve("audit.jsonl")))
                .singleElement()
                .asString()
                .contains("DV10003");
        assertThat(Files.readAllLines(stateDir.resolve("audit.jsonl.1"))).hasSize(2);
        assertThat(audit).hasToString("FileAuditLogAdapter[" + stateDir.resolve("audit.jsonl") + "]");
    }

    @Test
    void givenUnwritableLocation_whenRecorded_thenStorageFailure() throws Exception {
        Files.writeString(stateDir.resolve("file"), "x");
        var audit = new FileAuditLogAdapter(stateDir.resolve("file/state"));
        var result = audit.record(event(AuditEvent.Type.LOGOUT, "DV99999"));
        assertThat(result.getLeft().code()).isEqualTo("storage-failure");
        assertThat(result.getLeft().message()).startsWith("cannot write the audit journal");
    }

    @Test
    void givenATornLastLine_whenTheNextEventIsRecorded_thenItStartsOnALineOfItsOwn() throws Exception {
        var journal = Files.createFile(
                stateDir.resolve("audit.jsonl"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(journal, "{\"time\":\"2025-01-13T04:40:00Z\",\"event\":\"otp-req");
        assertThat(new FileAuditLogAdapter(stateDir).record(event(AuditEvent.Type.OTP_REQUESTED, "DV99999")))
                .isRight();
        var lines = Files.readAllLines(journal);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).as("the torn line is kept, never lost").endsWith("otp-req");
        assertThat(lines.get(1))
                .startsWith("{\"time\":\"2025-01-13T04:40:40Z\"")
                .endsWith("}");
    }

    @Test
    void givenAFullDisk_whenAnEventDoesNotFit_thenLeftAndTheJournalCutBackToWholeLines() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "a small file system needs root to mount");
        var disk = Files.createDirectory(stateDir.resolve("disk"));
        var mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16k,mode=0700", "tmpfs", disk.toString())
                .redirectErrorStream(true)
                .start();
        assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here");
        try {
            var audit = new FileAuditLogAdapter(disk, 1024 * 1024, 3);
            assertThat(audit.record(event(AuditEvent.Type.OTP_REQUESTED, "DV99999")))
                    .isRight();
            var journal = disk.resolve("audit.jsonl");
            long length = Files.size(journal);
            while (Files.size(journal) + length <= 4096) { // the next line will need a page of its own
                assertThat(audit.record(event(AuditEvent.Type.OTP_REQUESTED, "DV99999")))
                        .isRight();
            }
            long before = Files.size(journal);
            long lines = Files.readAllLines(journal).size();
            try (var filler =
                    new java.io.FileOutputStream(disk.resolve("filler").toFile())) {
                var block = new byte[512];
                try {
                    while (true) {
                        filler.write(block);
                        filler.flush();
                    }
                } catch (java.io.IOException full) {
                    // the disk is full
                }
            }
            var result = audit.record(event(AuditEvent.Type.LOGIN_SUCCEEDED, "DV99999"));
            assertThat(result).isLeft();
            assertThat(result.getLeft().message()).contains("cannot write the audit journal");
            assertThat(Files.size(journal)).as("rolled back").isEqualTo(before);
            Files.delete(disk.resolve("filler"));
            assertThat(audit.record(event(AuditEvent.Type.LOGOUT, "DV99999"))).isRight();
            assertThat(Files.readAllLines(journal))
                    .hasSize((int) lines + 1)
                    .allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        } finally {
            new ProcessBuilder("umount", disk.toString()).start().waitFor();
        }
    }

    // --- read back -----------------------------------------------------------------------------

    private static AuditEvent at(int second, String subject) {
        return new AuditEvent(
                Instant.parse("2025-01-13T04:40:00Z").plusSeconds(second),
                AuditEvent.Type.LOGIN_SUCCEEDED,
                Option.of(subject),
                Option.none(),
                Option.none(),
                "success");
    }

    @Test
    void givenEventsOfTwoAccounts_whenTheLastAreRead_thenOldestFirstOfTheAccountAskedOrOfAll() {
        var audit = new FileAuditLogAdapter(stateDir);
        for (int i = 0; i < 6; i++) {
            audit.record(at(i, i % 2 == 0 ? "DV99999" : "AB12345"));
        }
        audit.record(event(AuditEvent.Type.OTP_REQUESTED, null));
        var dv = audit.last(Option.some(new io.github.samcoauth.domain.AccountId("DV99999")), 2);
        assertThat(dv.get().map(e -> e.at().getEpochSecond() % 60).toJavaList()).containsExactly(2L, 4L);
        assertThat(audit.last(Option.none(), 3)
                        .get()
                        .map(e -> e.subject().getOrElse("-"))
                        .toJavaList())
                .containsExactly("DV99999", "AB12345", "-");
        assertThat(audit.last(Option.none(), 100).get()).hasSize(7);
        assertThat(audit.last(Option.none(), 100).get().get(6)).isEqualTo(event(AuditEvent.Type.OTP_REQUESTED, null));
    }

    @Test
    void givenARotatedJournal_whenMoreAreAskedThanTheNewestFileHolds_thenTheRotatedOnesAreReadToo() {
        var audit = new FileAuditLogAdapter(stateDir, 1000, 3);
        for (int i = 0; i < 30; i++) {
            audit.record(at(i, "DV99999"));
        }
        var all = audit.last(Option.none(), 1000).get();
        assertThat(all.size()).isGreaterThan(8);
        assertThat(all.map(e -> e.at().getEpochSecond()).toJavaList()).isSorted();
        assertThat(all.last().at()).isEqualTo(at(29, "DV99999").at());
    }

    @Test
    void givenAJournalLongerThanWhatIsReadBack_whenRead_thenOnlyTheWholeLinesOfItsTail() throws Exception {
        var writer = new FileAuditLogAdapter(stateDir);
        for (int i = 0; i < 20; i++) {
            writer.record(at(i, "DV99999"));
        }
        var lines = Files.readAllLines(stateDir.resolve("audit.jsonl"));
        int lineBytes = lines.get(0).length() + 1;
        // the last five lines and a half: the half line is left out
        var reader = new FileAuditLogAdapter(
                stateDir, FileAuditLogAdapter.DEFAULT_MAX_BYTES, 3, lineBytes * 5 + lineBytes / 2);
        assertThat(reader.last(Option.none(), 100)
                        .get()
                        .map(e -> e.at().getEpochSecond() % 60)
                        .toJavaList())
                .containsExactly(15L, 16L, 17L, 18L, 19L);
        var exactly = new FileAuditLogAdapter(stateDir, FileAuditLogAdapter.DEFAULT_MAX_BYTES, 3, lineBytes * 20);
        assertThat(exactly.last(Option.none(), 100).get())
                .as("the whole file, from its start")
                .hasSize(20);
        var atALine = new FileAuditLogAdapter(stateDir, FileAuditLogAdapter.DEFAULT_MAX_BYTES, 3, lineBytes * 5);
        assertThat(atALine.last(Option.none(), 100)
                        .get()
                        .map(e -> e.at().getEpochSecond() % 60)
                        .toJavaList())
                .as("a tail that begins where a line does keeps that line")
                .containsExactly(15L, 16L, 17L, 18L, 19L);
        var lessThanALine = new FileAuditLogAdapter(stateDir, FileAuditLogAdapter.DEFAULT_MAX_BYTES, 3, lineBytes / 2);
        assertThat(lessThanALine.last(Option.none(), 100).get()).isEmpty();
        var oneLine = new FileAuditLogAdapter(stateDir, FileAuditLogAdapter.DEFAULT_MAX_BYTES, 3, lineBytes);
        assertThat(oneLine.last(Option.none(), 100).get()).hasSize(1);
    }

    @Test
    void givenEveryRotatedFile_whenAllAreAskedFor_thenEveryLineOfEachIsRead() throws Exception {
        var audit = new FileAuditLogAdapter(stateDir, 1000, 3);
        for (int i = 0; i < 40; i++) {
            audit.record(at(i, "DV99999"));
        }
        long onDisk = 0;
        for (var name : List.of("audit.jsonl", "audit.jsonl.1", "audit.jsonl.2", "audit.jsonl.3")) {
            onDisk += Files.readAllLines(stateDir.resolve(name)).size();
        }
        assertThat(audit.last(Option.none(), 1000).get().size()).isEqualTo((int) onDisk);
    }

    @Test
    void givenTornEditedAndForeignLines_whenRead_thenOnlyWholeEventsAreAnswered() throws Exception {
        var audit = new FileAuditLogAdapter(stateDir);
        audit.record(at(1, "DV99999"));
        Files.writeString(
                stateDir.resolve("audit.jsonl"),
                "not json\n{\"time\":\"yesterday\",\"event\":\"login-succeeded\",\"outcome\":\"x\"}\n"
                        + "{\"time\":\"2025-01-13T04:40:05Z\",\"event\":\"something-new\",\"outcome\":\"x\"}\n"
                        + "{\"time\":\"2025-01-13T04:40:06Z\",\"event\":\"logout\"}\n\n"
                        + "{\"time\":\"2025-01-13T04:40:0",
                java.nio.file.StandardOpenOption.APPEND);
        audit.record(at(9, "DV99999"));
        assertThat(audit.last(Option.none(), 100).get().map(AuditEvent::at).toJavaList())
                .containsExactly(at(1, "DV99999").at(), at(9, "DV99999").at());
    }

    @Test
    void givenNoJournalYet_whenRead_thenNoEvents() {
        assertThat(new FileAuditLogAdapter(stateDir).last(Option.none(), 5).get())
                .isEmpty();
    }

    @Test
    void givenAJournalThatIsALink_whenRead_thenRefusedNotFollowed() throws Exception {
        var elsewhere = Files.writeString(stateDir.resolve("elsewhere.jsonl"), "");
        Files.createSymbolicLink(stateDir.resolve("audit.jsonl"), elsewhere);
        var read = new FileAuditLogAdapter(stateDir).last(Option.none(), 5);
        assertThat(read).isLeft();
        assertThat(read.getLeft().message()).contains("audit journal");
    }
}
