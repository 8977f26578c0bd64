package io.github.samcoauth.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import feign.Response;
import io.github.samcoauth.application.AuthError;
import io.vavr.control.Either;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns whatever came back into a value: a success body, {@code Rejected}, {@code Unavailable} or
 * {@code UnexpectedResponse}. Reads at most {@code maxBodyBytes + 1} bytes of any body.
 */
final class ResponseClassifier {

    private final ObjectMapper json;
    private final SamcoDtoMapper mapper;
    private final int maxBodyBytes;

    ResponseClassifier(ObjectMapper json, SamcoDtoMapper mapper, int maxBodyBytes) {
        this.json = json;
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A successful answer: the parsed envelope and the whole JSON object. */
    record Success(StatusResponseDto status, byte[] body) {}

    Either<AuthError, Success> classify(Response response) {
        try (response) {
            int code = response.status();
            return read(response).flatMap(bytes -> classify(code, bytes));
        }
    }

    <T> Either<AuthError, T> read(byte[] body, Class<T> type) {
        return Try.of(() -> json.readValue(body, type))
                .toEither()
                .mapLeft(e -> new AuthError.UnexpectedResponse("a successful answer whose fields have the wrong type"));
    }

    private Either<AuthError, byte[]> read(Response response) {
        if (response.body() == null) {
            return Either.right(new byte[0]);
        }
        if (response.body() instanceof BufferedBody buffered) {
            return bounded(buffered.bytes());
        }
        try (InputStream in = response.body().asInputStream()) {
            return bounded(in.readNBytes(maxBodyBytes + 1));
        } catch (IOException e) {
            return Either.left(new AuthError.Unavailable("the connection broke while reading the answer"));
        }
    }

    private Either<AuthError, byte[]> bounded(byte[] bytes) {
        if (bytes.length > maxBodyBytes) {
            return Either.left(new AuthError.UnexpectedResponse(
                    "the answer is larger than " + Limits.describeBytes(maxBodyBytes) + "; it was not read"));
        }
        return Either.right(bytes);
    }

    private Either<AuthError, Success> classify(int code, byte[] bytes) {
        var parsed = parse(bytes);
        if (code >= 500) {
            var said = parsed.toOption()
                    .map(s -> ServerText.message(s.status().said()))
                    .filter(m -> !m.isBlank())
                    .map(m -> ": " + m)
                    .getOrElse("");
            return Either.left(new AuthError.Unavailable("Samco answered " + HttpStatus.describe(code) + said));
        }
        if (parsed.isLeft()) {
            var what = bytes.length == 0 ? "an empty body" : parsed.getLeft();
            return Either.left(
                    new AuthError.UnexpectedResponse("Samco answered " + HttpStatus.describe(code) + " with " + what));
        }
        var success = parsed.get();
        var status = success.status().status();
        boolean ok = code >= 200 && code < 300;
        if (ok && "Success".equalsIgnoreCase(status)) {
            return Either.right(success);
        }
        if ((code >= 400 && code < 500) || (ok && isFailure(status))) {
            return Either.left(AuthError.IpNotRegistered.classify(mapper.toRejected(success.status(), code)));
        }
        if (ok) {
            return Either.left(new AuthError.UnexpectedResponse(
                    status == null
                            ? "an answer without a status"
                            : "an answer whose status is none of Success, Failure, Error"));
        }
        return Either.left(new AuthError.UnexpectedResponse("Samco answered " + HttpStatus.describe(code)));
    }

    private static boolean startsAnObject(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }

    private static boolean isFailure(String status) {
        return "Failure".equalsIgnoreCase(status) || "Error".equalsIgnoreCase(status);
    }

    /** Left holds a description of what was wrong with the body. */
    private Either<String, Success> parse(byte[] bytes) {
        if (bytes.length == 0) {
            return Either.left("an empty body");
        }
        if (!startsAnObject(bytes)) {
            // tell "not JSON" from "JSON, but not an object" for the message
            try {
                json.readTree(bytes);
                return Either.left("a JSON body that is not an object");
            } catch (IOException e) {
                return Either.left("a body that is not valid JSON");
            }
        }
        try {
            return Either.right(new Success(json.readValue(bytes, StatusResponseDto.class), bytes));
        } catch (MismatchedInputException e) {
            return Either.left(
                    e.getMessage() != null && e.getMessage().contains("end-of-input")
                            ? "a body that is not valid JSON"
                            : "a JSON body whose fields have the wrong type");
        } catch (JsonProcessingException e) {
            return Either.left("a body that is not valid JSON");
        } catch (IOException e) {
            return Either.left("a body that could not be read as JSON");
        }
    }
}
