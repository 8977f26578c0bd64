package io.github.samcoauth.bootstrap.spring;

import io.github.samcoauth.bootstrap.SamcoAuth;

/** Changes the builder of the application's {@link SamcoAuth} before it is built (a bean of the application's). */
@FunctionalInterface
public interface SamcoAuthBuilderCustomizer {

    /**
     * Changes the facade's builder before it is built, after the properties are applied.
     *
     * @param builder the builder
     */
    void customize(SamcoAuth.Builder builder);
}
