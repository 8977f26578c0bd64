package io.github.samcoauth.adapter.http;

import feign.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;

/**
 * A response body the transport has already read whole (at most the size limit plus one byte).
 * {@link ResponseClassifier} takes its bytes as they are; anything else may read it as a stream,
 * as often as it likes.
 */
final class BufferedBody implements Response.Body {

    private final byte[] bytes;

    BufferedBody(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The bytes themselves, not a copy: only the adapter holds them. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public Integer length() {
        return bytes.length;
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public InputStream asInputStream() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public Reader asReader(Charset charset) {
        return new InputStreamReader(asInputStream(), charset);
    }

    @Override
    public void close() {
        // nothing to release: the connection was handed back when the last byte arrived
    }

    @Override
    public String toString() {
        return "BufferedBody[" + bytes.length + " bytes]";
    }
}
