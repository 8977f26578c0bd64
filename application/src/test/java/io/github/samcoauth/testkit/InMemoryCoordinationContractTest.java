package io.github.samcoauth.testkit;

/** The in-memory fake keeps the coordination's promises, so use-case tests can trust it. */
class InMemoryCoordinationContractTest extends SessionCoordinationPortContract {

    private InMemorySessionStore last;

    @Override
    protected Instance createInstance() {
        last = new InMemorySessionStore();
        return new Instance(last, last);
    }

    @Override
    protected Instance anotherInstanceOnTheSameState() {
        var other = last.sharingState();
        return new Instance(other, other);
    }
}
