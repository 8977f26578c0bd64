package io.github.samcoauth.archfixtures.bootstrap;

import io.github.samcoauth.archfixtures.adapter.http.HttpThing;
import io.github.samcoauth.archfixtures.adapter.persistence.PersistenceThing;

public final class Wiring {
    public Object wire() {
        return java.util.List.of(new HttpThing(), new PersistenceThing());
    }
}
