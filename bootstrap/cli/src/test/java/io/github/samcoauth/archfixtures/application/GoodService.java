package io.github.samcoauth.archfixtures.application;

import io.github.samcoauth.archfixtures.domain.GoodValue;

public final class GoodService {
    public GoodValue value() {
        return new GoodValue("x");
    }
}
