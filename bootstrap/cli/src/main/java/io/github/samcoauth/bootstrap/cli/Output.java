package io.github.samcoauth.bootstrap.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.domain.AccountProfile;
import io.github.samcoauth.domain.Exchange;
import io.github.samcoauth.domain.OrderType;
import io.github.samcoauth.domain.Product;
import io.github.samcoauth.domain.SafeText;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.domain.SessionLifetime;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a command's results and failures go: human text (results on stdout, one failure line on
 * stderr with a hint) or, with {@code --json}, exactly one JSON object on stdout.
 */
final class Output {

    /** Made when a time is first printed: the JDK's formatters take milliseconds to set up. */
    private static final class Times {
        static final DateTimeFormatter INDIA_TIME =
                DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'IST'").withZone(SessionLifetime.INDIA);
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean verbose;
    private final boolean interactive;

    Output(PrintWriter out, PrintWriter err, boolean json, boolean verbose, boolean interactive) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.verbose = verbose;
        this.interactive = interactive;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    boolean json() {
        return json;
    }

    boolean verbose() {
        return verbose;
    }

    boolean interactive() {
        return interactive;
    }

    /** A line of human output (ignored in JSON mode). */
    void line(String text) {
        if (!json) {
            out.println(safe(text));
            out.flush();
        }
    }

    /** A note on stderr, in both modes: it never disturbs stdout. */
    void note(String text) {
        err.println(safe(text));
        err.flush();
    }

    /**
     * Text for a terminal: {@link SafeText#forDisplay}, the one cleaning of everything samco prints
     * or logs. Whatever reached it from the network or a file cannot clear the screen, set the
     * window title, move the cursor, hide text or reorder it (JSON output escapes such text anyway).
     */
    static String safe(String text) {
        return SafeText.forDisplay(text);
    }

    /** Prints the one JSON object of this command. */
    void object(Map<String, ?> object) {
        out.println(jsonOf(object));
        out.flush();
    }

    /** {@code object} as one line of JSON. */
    static String jsonOf(Map<String, ?> object) {
        try {
            return Json.MAPPER.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            return "{\"error\":{\"code\":\"bug\",\"message\":\"cannot encode the output\"}}";
        }
    }

    /** Made on the first JSON written, not at start-up (a command without --json never pays for it). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** Reports a failure and returns its exit code. */
    int fail(AuthError error) {
        return fail(error, new LinkedHashMap<>());
    }

    /** Reports a failure with extra top-level fields (JSON mode) and returns its exit code. */
    int fail(AuthError error, Map<String, Object> extra) {
        if (json) {
            var object = new LinkedHashMap<String, Object>(extra);
            object.put("error", ErrorTable.json(error));
            object(object);
        } else {
            err.println("samco: " + safe(error.message()));
            var hint = ErrorTable.hint(error);
            if (hint.isPresent()) {
                err.println("hint: " + safe(hint.get()));
            }
            err.flush();
        }
        return ErrorTable.exitCode(error);
    }

    // --- shapes shared by commands ------------------------------------------------------------

    static String indiaTime(Instant instant) {
        return Times.INDIA_TIME.format(instant);
    }

    static Map<String, Object> reply(SamcoReply reply) {
        var map = new LinkedHashMap<String, Object>();
        map.put("message", reply.statusMessage());
        reply.msgId().forEach(m -> map.put("msgId", m));
        map.put("serverTime", reply.serverTime().raw());
        return map;
    }

    static Map<String, Object> profile(AccountProfile profile) {
        var map = new LinkedHashMap<String, Object>();
        map.put("account", profile.accountId().value());
        map.put("name", profile.accountName());
        map.put("exchanges", profile.exchanges().map(Exchange::code).asJava());
        map.put("orderTypes", profile.orderTypes().map(OrderType::code).asJava());
        map.put("products", profile.products().map(Product::code).asJava());
        return map;
    }

    /** A session without its token. */
    static Map<String, Object> session(Session session, boolean valid) {
        var map = profile(session.profile());
        map.put("issuedAt", session.issuedAt().toString());
        map.put("expiresAt", session.expiresAt().toString());
        map.put("valid", valid);
        map.put("method", session.method().label());
        map.put("origin", session.origin().toString());
        return map;
    }

    void humanSession(Session session, boolean valid) {
        var p = session.profile();
        line(p.accountId() + "  " + p.accountName() + "  " + (valid ? "valid until " : "expired at ")
                + indiaTime(session.expiresAt()));
        line("    exchanges:   " + p.exchanges().mkString(" "));
        line("    order types: " + p.orderTypes().mkString(" "));
        line("    products:    " + p.products().mkString(" "));
        line("    method:      " + session.method().label());
        line("    origin:      " + session.origin());
    }
}
