package io.github.samcoauth.bootstrap;

import io.github.samcoauth.testkit.InMemorySessionStore;
import io.github.samcoauth.testkit.SessionCoordinationPortContract;

/**
 * The coordination a platform's own store gets: one renewal at a time within this instance. It
 * serves one process, so "another instance" is the same one.
 */
class InProcessCoordinationContractTest extends SessionCoordinationPortContract {

    private Instance last;

    @Override
    protected Instance createInstance() {
        var store = new InMemorySessionStore();
        last = new Instance(store, new InProcessCoordination(store));
        return last;
    }

    @Override
    protected Instance anotherInstanceOnTheSameState() {
        return last;
    }
}
