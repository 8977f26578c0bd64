package io.github.samcoauth.adapter.persistence;

import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.testkit.SessionStorePortContract;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

class FileSessionStoreContractTest extends SessionStorePortContract {

    @TempDir
    Path stateDir;

    @Override
    protected SessionStorePort createStore() {
        return new FileSessionStoreAdapter(stateDir, Clock.systemUTC());
    }

    @Override
    protected SessionStorePort anotherStoreOnTheSameState() {
        return new FileSessionStoreAdapter(stateDir, Clock.systemUTC());
    }
}
