/**
 * samco-auth's value objects: identifiers, codes, tokens, sessions and their lifetimes, each made by a
 * factory that returns {@code Either<DomainError, T>}. The JDK and Vavr only.
 */
module io.github.samcoauth.domain {
    requires transitive io.vavr;

    exports io.github.samcoauth.domain;
}
