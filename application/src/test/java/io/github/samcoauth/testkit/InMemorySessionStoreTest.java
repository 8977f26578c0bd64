package io.github.samcoauth.testkit;

import io.github.samcoauth.application.port.out.SessionStorePort;

class InMemorySessionStoreTest extends SessionStorePortContract {

    private InMemorySessionStore last;

    @Override
    protected SessionStorePort createStore() {
        last = new InMemorySessionStore();
        return last;
    }

    @Override
    protected SessionStorePort anotherStoreOnTheSameState() {
        return last.sharingState();
    }
}
