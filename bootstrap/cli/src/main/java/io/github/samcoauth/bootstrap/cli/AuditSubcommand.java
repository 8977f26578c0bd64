package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.port.out.AuditEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The {@code samco audit} command: the last events of the audit journal the store keeps (a Redis
 * store's streams, the fleet's one journal; else {@code audit.jsonl}), oldest first. Never a
 * secret: the journal holds none. Its options are declared in {@link CliModel}.
 */
final class AuditSubcommand implements Callable<Integer> {

    final SamcoCli root;

    AuditSubcommand(SamcoCli root) {
        this.root = root;
    }

    String account;

    int last = 20;

    @Override
    public Integer call() {
        var output = root.output();
        var ready = root.ready(output, account);
        if (ready.isLeft()) {
            return ready.getLeft();
        }
        var events = ready.get().facade().auditHistory(ready.get().account(), last);
        if (events.isLeft()) {
            return output.fail(events.getLeft());
        }
        if (output.json()) {
            var shown = new ArrayList<Map<String, Object>>();
            for (var event : events.get()) {
                shown.add(shape(event));
            }
            var object = new LinkedHashMap<String, Object>();
            object.put("events", shown);
            output.object(object);
        } else if (events.get().isEmpty()) {
            output.note("The audit journal holds no events"
                    + (ready.get().account().isDefined()
                            ? " of " + ready.get().account().get().value()
                            : "")
                    + ".");
        } else {
            for (var event : events.get()) {
                output.line(human(event));
            }
        }
        return ExitCodes.OK;
    }

    static Map<String, Object> shape(AuditEvent event) {
        var map = new LinkedHashMap<String, Object>();
        map.put("time", event.at().toString());
        map.put("event", event.type().label());
        event.subject().forEach(subject -> map.put("subject", subject));
        event.msgId().forEach(id -> map.put("msgId", id));
        event.serverTime().forEach(time -> map.put("serverTime", time.raw()));
        map.put("outcome", event.outcome());
        return map;
    }

    /** {@code 03 Dec 2026 14:36:10 IST  login-succeeded  DV99999  success  msgId=…}: one line, cleaned by the output. */
    static String human(AuditEvent event) {
        var line = new StringBuilder(Output.indiaTime(event.at()))
                .append("  ")
                .append(event.type().label())
                .append("  ")
                .append(event.subject().getOrElse("-"))
                .append("  ")
                .append(event.outcome());
        event.msgId().forEach(id -> line.append("  msgId=").append(id));
        event.serverTime().forEach(time -> line.append("  serverTime=").append(time.raw()));
        return line.toString();
    }
}
