/**
 * samco-auth's file adapters: the session store of a state directory (one file per account, written
 * atomically, owner-only, opened without following links), the audit journal beside it, and the
 * token sink that {@code samco keep --sink} writes.
 */
module io.github.samcoauth.adapter.persistence {
    requires transitive io.github.samcoauth.application;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.github.samcoauth.adapter.persistence;

    // the JSON of session files and journal lines is bound by Jackson, reflectively
    opens io.github.samcoauth.adapter.persistence to
            com.fasterxml.jackson.databind;
}
