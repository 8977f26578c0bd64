package io.github.samcoauth.application.testing;

import io.github.samcoauth.application.port.out.SessionStorePort;

class InMemorySessionStoreTest extends SessionStorePortContract {

    @Override
    protected SessionStorePort createStore() {
        return new InMemorySessionStore();
    }
}
