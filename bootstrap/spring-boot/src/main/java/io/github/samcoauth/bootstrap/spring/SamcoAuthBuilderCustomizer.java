package io.github.samcoauth.bootstrap.spring;

import io.github.samcoauth.bootstrap.SamcoAuth;

/** Changes the builder of the application's {@link SamcoAuth} before it is built (a bean of the application's). */
@FunctionalInterface
public interface SamcoAuthBuilderCustomizer {

    void customize(SamcoAuth.Builder builder);
}
