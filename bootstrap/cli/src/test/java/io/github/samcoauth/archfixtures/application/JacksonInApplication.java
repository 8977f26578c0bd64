package io.github.samcoauth.archfixtures.application;

/** Bad: a framework type in the application layer. */
public final class JacksonInApplication {
    public Object mapper() {
        return new com.fasterxml.jackson.databind.ObjectMapper();
    }
}
