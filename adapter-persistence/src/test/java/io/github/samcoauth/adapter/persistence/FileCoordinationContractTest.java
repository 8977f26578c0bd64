package io.github.samcoauth.adapter.persistence;

import io.github.samcoauth.testkit.SessionCoordinationPortContract;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** The file store coordinates the processes of one machine through its lock files. */
class FileCoordinationContractTest extends SessionCoordinationPortContract {

    @TempDir
    Path stateDir;

    private Instance open() {
        var store = new FileSessionStoreAdapter(stateDir, Clock.systemUTC());
        return new Instance(store, store);
    }

    @Override
    protected Instance createInstance() {
        return open();
    }

    @Override
    protected Instance anotherInstanceOnTheSameState() {
        return open();
    }
}
