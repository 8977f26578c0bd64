/**
 * samco-auth's client of Samco's Trade API (OpenFeign on the JDK's HTTP client, Jackson, MapStruct at
 * compile time only), and the Feign parts a platform signs its own requests with.
 */
@SuppressWarnings("requires-automatic")
module io.github.samcoauth.adapter.http {
    requires transitive io.github.samcoauth.application;
    requires transitive feign.core;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires org.slf4j;
    // annotations only (the generated mapper needs neither at run time)
    requires static org.mapstruct;
    requires static java.compiler;

    exports io.github.samcoauth.adapter.http;

    // Feign proxies the API's interface and calls its default methods; Jackson binds its DTOs
    opens io.github.samcoauth.adapter.http to
            feign.core,
            com.fasterxml.jackson.databind;
}
