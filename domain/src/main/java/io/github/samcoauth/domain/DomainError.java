package io.github.samcoauth.domain;

/**
 * Why a raw value could not become a domain value. Never carries the rejected value itself: it may
 * be a secret (a login code, a session token).
 */
public sealed interface DomainError {

    /**
     * A stable, machine-readable code.
     *
     * @return the code, e.g. {@code MALFORMED}
     */
    String code();

    /**
     * A sentence a user can act on.
     *
     * @return the message
     */
    String message();

    /**
     * The field the error is about, e.g. {@code uid}.
     *
     * @return the field's name
     */
    String field();

    /**
     * A required value was missing or blank.
     *
     * @param field the field
     */
    record Blank(String field) implements DomainError {
        @Override
        public String code() {
            return "blank";
        }

        @Override
        public String message() {
            return field + " is required";
        }
    }

    /**
     * A value that must come from somewhere (an environment variable, a file) was not given there.
     *
     * @param field the field
     * @param where where it was looked for
     */
    record Missing(String field, String where) implements DomainError {
        @Override
        public String code() {
            return "missing";
        }

        @Override
        public String message() {
            return field + " is missing: " + where;
        }
    }

    /**
     * A value did not have the expected shape.
     *
     * @param expected what a valid value looks like
     * @param field the field
     */
    record Malformed(String field, String expected) implements DomainError {
        @Override
        public String code() {
            return "malformed";
        }

        @Override
        public String message() {
            return field + " is malformed: expected " + expected;
        }
    }

    /**
     * Values that are each fine but do not fit together.
     *
     * @param field the field
     * @param reason why the values do not fit together
     */
    record Inconsistent(String field, String reason) implements DomainError {
        @Override
        public String code() {
            return "inconsistent";
        }

        @Override
        public String message() {
            return field + " is inconsistent: " + reason;
        }
    }
}
