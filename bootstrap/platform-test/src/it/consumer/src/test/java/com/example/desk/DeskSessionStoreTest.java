package com.example.desk;

import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.testkit.SessionStorePortContract;

/** The README's recipe, as a platform writes it: the desk's store proven by the shared contract. */
class DeskSessionStoreTest extends SessionStorePortContract {

    private DeskSessionStore last;

    @Override
    protected SessionStorePort createStore() {
        last = DeskSessionStore.empty();
        return last;
    }

    @Override
    protected SessionStorePort anotherStoreOnTheSameState() {
        return last.reconnect();
    }
}
