package io.github.samcoauth.archfixtures.adapter.persistence;

import io.github.samcoauth.archfixtures.application.GoodService;

public final class PersistenceThing {
    public Object use() {
        return new GoodService().value();
    }
}
