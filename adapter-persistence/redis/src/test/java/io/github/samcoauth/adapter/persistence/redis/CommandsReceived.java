package io.github.samcoauth.adapter.persistence.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a deployment's primaries received between two readings, as Redis counts it ({@code INFO
 * commandstats}, a script's own calls included), summed: what the fleet costs the deployment, read
 * from the deployment itself. Replicas are left out (they count what replication brings them, not
 * what clients sent), and so are the readings' own {@code INFO}s and the replicas' {@code REPLCONF
 * ACK}s.
 */
final class CommandsReceived implements AutoCloseable {

    private final RedisClient admin = RedisClient.create();
    private final List<RedisCommands<String, String>> nodes = new ArrayList<>();
    private int primariesRead;

    /** Readings of the plain nodes on {@code ports} (as the default user). */
    CommandsReceived(List<Integer> ports) {
        for (int port : ports) {
            nodes.add(
                    admin.connect(RedisURI.create("redis://localhost:" + port)).sync());
        }
    }

    /** Calls per command ({@code cmdstat_…}) and {@code total_connections_received}, summed. */
    Map<String, Long> read() {
        var stats = new HashMap<String, Long>();
        primariesRead = 0;
        for (var node : nodes) {
            var info = node.info("all");
            if (!info.contains("role:master")) {
                continue;
            }
            primariesRead++;
            for (var line : info.split("\\r?\\n")) {
                if (line.startsWith("cmdstat_")) {
                    var calls = line.substring(line.indexOf("calls=") + 6, line.indexOf(','));
                    stats.merge(line.substring(0, line.indexOf(':')), Long.parseLong(calls), Long::sum);
                } else if (line.startsWith("total_connections_received:")) {
                    stats.merge(
                            "total_connections_received",
                            Long.parseLong(line.substring(line.indexOf(':') + 1).strip()),
                            Long::sum);
                }
            }
        }
        return stats;
    }

    /** What arrived since {@code before} (a {@link #read}), by command, and the connections made. */
    Map<String, Long> since(Map<String, Long> before) {
        var received = new TreeMap<String, Long>();
        read().forEach((name, count) -> {
            long more = count - before.getOrDefault(name, 0L);
            if (more != 0) {
                received.put(name, more);
            }
        });
        // each primary counts the INFO that read it before
        received.merge("cmdstat_info", -(long) primariesRead, Long::sum);
        // their replicas' acknowledgements, once a second each
        received.remove("cmdstat_replconf");
        received.values().removeIf(count -> count == 0);
        return received;
    }

    /** The commands of {@code received} (a {@link #since}), all kinds together. */
    static long commands(Map<String, Long> received) {
        return received.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("cmdstat_"))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    @Override
    public void close() {
        admin.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
