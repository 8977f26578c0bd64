/**
 * samco-auth's use cases ({@code port.in}), the ports they need ({@code port.out}), their services and
 * the keeping of sessions. No I/O: adapters implement the outgoing ports.
 */
module io.github.samcoauth.application {
    requires transitive io.github.samcoauth.domain;
    requires transitive io.vavr;

    exports io.github.samcoauth.application;
    exports io.github.samcoauth.application.port.in;
    exports io.github.samcoauth.application.port.out;
    exports io.github.samcoauth.application.service;
    exports io.github.samcoauth.application.keeping;
}
