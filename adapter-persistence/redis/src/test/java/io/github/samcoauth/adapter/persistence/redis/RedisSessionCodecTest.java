package io.github.samcoauth.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.testkit.Sessions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The value at rest, one rule at a time, with no Redis: the key id every stored value carries, a
 * fresh nonce per seal, each malformed value refused with what is wrong, and the generation's
 * framing at its limits.
 */
class RedisSessionCodecTest {

    private static final AccountId DV = new AccountId("DV99999");
    private static final String TOKEN = "f4b8ec1dcc1e9486f723cb5fcba16859";
    /** The bytes 0, 1, … 31: a key whose id is known. */
    private static final String KNOWN_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static final String SESSION_KEY = "samco-auth:{DV99999}:session";
    private static final byte[] BOUND = "bound".getBytes(StandardCharsets.UTF_8);

    private static SessionCipher cipher(String keys) {
        return SessionCipher.of(keys).get();
    }

    @Test
    void givenAKnownKey_whenItSeals_thenTheValueStartsWithItsIdWhichNeverChanges() {
        // stored values name their key by this id: a change would orphan every value in every Redis
        var sealed = cipher(KNOWN_KEY).seal(BOUND, BOUND);
        assertThat(sealed).startsWith("4b55d086.");
        assertThat(cipher(KNOWN_KEY)).hasToString("SessionCipher[4b55d086]");
        assertThat(cipher(SessionCipher.newKey() + "," + KNOWN_KEY).toString())
                .matches("SessionCipher\\[[0-9a-f]{8}, 4b55d086\\]")
                .doesNotContain(KNOWN_KEY);
        assertThat(SessionCipher.plainText()).hasToString("SessionCipher[plain text]");
    }

    @Test
    void givenFreshKeysAndSeals_whenMadeTwice_thenNeverTheSameTwice() {
        var one = SessionCipher.newKey();
        var two = SessionCipher.newKey();
        assertThat(one).isNotEqualTo(two);
        assertThat(Base64.getDecoder().decode(one)).hasSize(32);
        var cipher = cipher(one);
        var first = cipher.seal(BOUND, BOUND);
        var second = cipher.seal(BOUND, BOUND);
        assertThat(first).as("a nonce is never used twice").isNotEqualTo(second);
        assertThat(cipher.open(first, BOUND).get()).isEqualTo(BOUND);
        assertThat(cipher.open(second, BOUND).get()).isEqualTo(BOUND);
        assertThat(cipher.open(first, "other".getBytes(StandardCharsets.UTF_8)).getLeft())
                .isEqualTo("does not open with the store key (altered, or moved from another key)");
    }

    @Test
    void givenMalformedSealedValues_whenOpened_thenEachSaysWhyNotAtTheEdges() {
        var cipher = cipher(KNOWN_KEY);
        assertThat(cipher.open("no-dot-at-all", BOUND).getLeft()).isEqualTo("not a value samco-auth writes");
        assertThat(cipher.open(".AAAA", BOUND).getLeft())
                .isEqualTo("encrypted with a key not given here (key id unreadable)");
        assertThat(cipher.open("deadbeef.AAAA", BOUND).getLeft())
                .isEqualTo("encrypted with a key not given here (key id deadbeef)");
        assertThat(cipher.open("4b55d086.!!!", BOUND).getLeft()).isEqualTo("not a value samco-auth writes");
        var encoder = Base64.getEncoder().withoutPadding();
        // nonce (12) and tag (16): 28 bytes is the shortest value that can open at all
        assertThat(cipher.open("4b55d086." + encoder.encodeToString(new byte[27]), BOUND)
                        .getLeft())
                .isEqualTo("not a value samco-auth writes");
        assertThat(cipher.open("4b55d086." + encoder.encodeToString(new byte[28]), BOUND)
                        .getLeft())
                .isEqualTo("does not open with the store key (altered, or moved from another key)");
        assertThat(SessionCipher.plainText().open("4b55d086.AAAA", BOUND).getLeft())
                .isEqualTo("encrypted, and no store key was given");
    }

    @Test
    void givenKeysThatAreNotKeys_whenParsed_thenEachRefusedAndOneBadKeyOfManyRefusesAll() {
        assertThat(SessionCipher.of(null).getLeft().code()).isEqualTo("blank");
        assertThat(SessionCipher.of("  ").getLeft().code()).isEqualTo("blank");
        var malformed = "store key is malformed";
        assertThat(SessionCipher.of("!!!not base64!!!").getLeft().message()).contains(malformed);
        assertThat(SessionCipher.of(Base64.getEncoder().encodeToString(new byte[31]))
                        .getLeft()
                        .message())
                .contains(malformed);
        assertThat(SessionCipher.of(Base64.getEncoder().encodeToString(new byte[33]))
                        .getLeft()
                        .message())
                .contains(malformed);
        assertThat(SessionCipher.of(KNOWN_KEY + ",c2hvcnQ=").getLeft().message())
                .contains(malformed);
        assertThat(SessionCipher.of(" " + KNOWN_KEY + " , " + SessionCipher.newKey())
                        .get()
                        .seals())
                .isTrue();
    }

    @Test
    void givenAnEmptySealedSession_whenSealedAndOpened_thenTheEmptyValueComesBack() {
        var cipher = cipher(KNOWN_KEY);
        assertThat(cipher.open(cipher.seal(new byte[0], BOUND), BOUND).get()).isEmpty();
    }

    @Test
    void givenGenerationsAtTheLimitsOfTheFraming_whenDecoded_thenNineteenDigitsReadAndMoreRefused() throws Exception {
        var plain = new RedisSessionCodec(SessionCipher.plainText());
        var session = Sessions.session("DV99999", TOKEN);
        var largest = plain.encode(session, SESSION_KEY, Long.MAX_VALUE);
        assertThat(largest).startsWith("p2.9223372036854775807.");
        assertThat(plain.decode(DV, largest, SESSION_KEY, Long.MAX_VALUE).get()).isEqualTo(session);

        var json = largest.substring("p2.9223372036854775807.".length());
        assertThat(plain.decode(DV, "p2.12345678901234567890." + json, SESSION_KEY, 1)
                        .getLeft())
                .isEqualTo("not a value samco-auth writes");
        assertThat(plain.decode(DV, "p2.." + json, SESSION_KEY, 0).getLeft())
                .isEqualTo("not a value samco-auth writes");
        assertThat(plain.decode(DV, "p2.7", SESSION_KEY, 7).getLeft()).isEqualTo("not a value samco-auth writes");
        assertThat(plain.decode(DV, "p2.x7." + json, SESSION_KEY, 7).getLeft())
                .isEqualTo("not a value samco-auth writes");
        assertThat(plain.decode(DV, "p2.7." + json, SESSION_KEY, 7).get()).isEqualTo(session);
        assertThat(plain.decode(DV, "x2.7." + json, SESSION_KEY, 7).getLeft())
                .isEqualTo("not a value samco-auth writes");
        assertThat(plain.decode(DV, "p1." + json, SESSION_KEY, 7).getLeft())
                .startsWith("written by an earlier samco-auth without replay protection");
        assertThat(plain.decode(DV, "s1.abc", SESSION_KEY, 7).getLeft())
                .startsWith("written by an earlier samco-auth without replay protection");
    }

    @Test
    void givenAStoreThatSealsAndOneThatDoesNot_whenEachReadsTheOthersValue_thenEachSaysWhatToDo() throws Exception {
        var plain = new RedisSessionCodec(SessionCipher.plainText());
        var sealing = new RedisSessionCodec(cipher(KNOWN_KEY));
        assertThat(plain.seals()).isFalse();
        assertThat(sealing.seals()).isTrue();
        var session = Sessions.session("DV99999", TOKEN);

        var sealed = sealing.encode(session, SESSION_KEY, 3);
        assertThat(sealed).startsWith("s2.3.4b55d086.").doesNotContain(TOKEN);
        assertThat(sealing.decode(DV, sealed, SESSION_KEY, 3).get()).isEqualTo(session);
        assertThat(plain.decode(DV, sealed, SESSION_KEY, 3).getLeft())
                .isEqualTo("encrypted, and no store key was given");

        var clear = plain.encode(session, SESSION_KEY, 3);
        assertThat(clear).startsWith("p2.3.").contains(TOKEN);
        assertThat(sealing.decode(DV, clear, SESSION_KEY, 3).getLeft())
                .isEqualTo("stored in plain text, but this store is set to encrypt: save it again");
        assertThat(sealing).hasToString("SessionCipher[4b55d086]");
    }
}
