package io.github.samcoauth.archfixtures.adapter.http;

import io.github.samcoauth.archfixtures.application.GoodService;

public final class HttpThing {
    public Object use() {
        return new GoodService().value();
    }
}
