package io.github.samcoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Request;
import feign.Response;
import io.github.samcoauth.application.AuthError;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever bytes and status come back, the response mapping of every endpoint yields a value: a
 * Right or a typed Left, never an exception, never a null.
 */
class ResponseFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of(
            "serverTime",
            "msgId",
            "status",
            "statusMessage",
            "validationErrors",
            "errorCode",
            "sessionToken",
            "accountID",
            "accountName",
            "exchangeList",
            "orderTypeList",
            "productList",
            "srcIp");

    private final FeignSamcoApiAdapter adapter = new FeignSamcoApiAdapter(SamcoHttpConfig.builder()
            .baseUrl("http://127.0.0.1:9")
            .maxBodyBytes(64 * 1024)
            .build()
            .get());

    private static Response response(int status, byte[] body) {
        var request = Request.create(
                Request.HttpMethod.POST, "http://127.0.0.1:9/x", new HashMap<>(), null, StandardCharsets.UTF_8, null);
        return Response.builder()
                .status(status)
                .request(request)
                .headers(Map.of())
                .body(body)
                .build();
    }

    private static void isAValue(Either<AuthError, ?> result) {
        assertThat(result).isNotNull();
        if (result.isLeft()) {
            assertThat(result.getLeft().code()).isNotBlank();
            assertThat(result.getLeft().message()).isNotBlank();
        } else {
            assertThat(result.get()).isNotNull();
        }
    }

    @Property(tries = 10_000)
    void generateOtpMappingAlwaysGivesAValue(@ForAll("statuses") int status, @ForAll("bodies") byte[] body) {
        isAValue(adapter.decodeReply(response(status, body)));
    }

    @Property(tries = 10_000)
    void loginMappingAlwaysGivesAValue(@ForAll("statuses") int status, @ForAll("bodies") byte[] body) {
        isAValue(adapter.decodeGrant(response(status, body)));
    }

    @Property(tries = 10_000)
    void logoutMappingAlwaysGivesAValue(@ForAll("statuses") int status, @ForAll("bodies") byte[] body) {
        isAValue(adapter.decodeReply(response(status, body)));
    }

    @Provide
    Arbitrary<Integer> statuses() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(200)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(201, 204, 301, 400, 401, 403, 404, 409, 500, 502, 503)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(100, 599)));
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, documents().map(ResponseFuzzTest::encode)),
                net.jqwik.api.Tuple.of(
                        2, Arbitraries.bytes().array(byte[].class).ofMaxSize(512)),
                net.jqwik.api.Tuple.of(
                        1, documents().map(ResponseFuzzTest::encode).map(ResponseFuzzTest::truncate)),
                net.jqwik.api.Tuple.of(1, hugeStrings()));
    }

    /** JSON objects over Samco's field names (and others) with values of any type. */
    private Arbitrary<Map<String, Object>> documents() {
        var key =
                Arbitraries.oneOf(Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(12));
        var status = Arbitraries.of("Success", "Failure", "Error", "success", "", "Pending");
        var value = Arbitraries.oneOf(
                status.map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(40).map(Object.class::cast),
                Arbitraries.strings().withCharRange('0', 'f').ofLength(32).map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.just(null),
                Arbitraries.strings().ofMaxLength(6).list().ofMaxSize(8).map(Object.class::cast),
                Arbitraries.integers().list().ofMaxSize(3).map(Object.class::cast),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(4), Arbitraries.integers())
                        .ofMaxSize(2)
                        .map(Object.class::cast));
        var entries = Combinators.combine(key, value)
                .as((k, v) -> (Map.Entry<String, Object>) new java.util.AbstractMap.SimpleEntry<String, Object>(k, v))
                .list()
                .ofMaxSize(14);
        var base = Combinators.combine(status, entries).as((s, list) -> {
            var map = new LinkedHashMap<String, Object>();
            map.put("status", s);
            for (var e : list) {
                map.put(e.getKey(), e.getValue());
            }
            return (Map<String, Object>) map;
        });
        return Arbitraries.oneOf(base, base.map(ResponseFuzzTest::plausibleLogin));
    }

    /** A login answer that is nearly right, so the domain factories get exercised too. */
    private static Map<String, Object> plausibleLogin(Map<String, Object> noise) {
        var map = new LinkedHashMap<String, Object>();
        map.put("status", "Success");
        map.put("sessionToken", "f4b8ec1dcc1e9486f723cb5fcba16859");
        map.put("accountID", "DV99999");
        map.put("accountName", "A");
        map.put("exchangeList", List.of("NSE"));
        map.putAll(noise);
        return map;
    }

    private Arbitrary<byte[]> hugeStrings() {
        return Arbitraries.integers().between(10_000, 100_000).map(n -> {
            var text = "x".repeat(n);
            return encode(Map.of(
                    "status", "Failure", "statusMessage", text, "validationErrors", new ArrayList<>(List.of(text))));
        });
    }

    private static byte[] encode(Map<String, ?> document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] truncate(byte[] bytes) {
        return java.util.Arrays.copyOf(bytes, Math.max(0, bytes.length / 2));
    }
}
