package io.github.samcoauth.adapter.http;

import feign.Response;
import io.github.samcoauth.domain.SafeText;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feign's wire log through SLF4J (logger {@code io.github.samcoauth.wire}, DEBUG), with every
 * secret masked and bodies read no further than the adapter's size cap.
 */
final class RedactingLogger extends feign.Logger {

    private final Logger log = LoggerFactory.getLogger("io.github.samcoauth.wire");
    private final int maxBodyBytes;

    RedactingLogger(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void log(String configKey, String format, Object... args) {
        if (log.isDebugEnabled()) {
            // Feign logs a body as the one argument of "%s"; headers and the request line otherwise
            var text = format.equals("%s") && args.length == 1
                    ? Redactor.redactBody(String.valueOf(args[0]))
                    : Redactor.redact(String.format(format, args));
            // the one cleaning of everything printed or logged: a server's C1 or bidi controls
            // (which JSON re-encoding leaves as they are) never reach the log
            log.debug(SafeText.forDisplay(methodTag(configKey) + text));
        }
    }

    @Override
    protected Response logAndRebufferResponse(String configKey, Level logLevel, Response response, long elapsedTime)
            throws IOException {
        if (response.body() == null) {
            return super.logAndRebufferResponse(configKey, logLevel, response, elapsedTime);
        }
        byte[] head;
        try (InputStream in = response.body().asInputStream()) {
            head = in.readNBytes(maxBodyBytes + 1);
        }
        return super.logAndRebufferResponse(
                configKey, logLevel, response.toBuilder().body(head).build(), elapsedTime);
    }
}
