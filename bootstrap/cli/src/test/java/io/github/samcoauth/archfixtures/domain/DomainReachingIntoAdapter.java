package io.github.samcoauth.archfixtures.domain;

import io.github.samcoauth.archfixtures.adapter.http.HttpThing;

/** Bad: the domain depends on an adapter. */
public final class DomainReachingIntoAdapter {
    public String name() {
        return new HttpThing().toString();
    }
}
