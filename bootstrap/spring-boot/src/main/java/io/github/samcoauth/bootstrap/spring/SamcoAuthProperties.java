package io.github.samcoauth.bootstrap.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code samco.auth.*}: where Samco is, where sessions are kept, the dashboard's app, and which
 * accounts the application keeps. Secrets here are never printed: {@link #toString()} names them
 * only as set or not.
 */
@ConfigurationProperties(prefix = "samco.auth")
public class SamcoAuthProperties {

    /** The defaults, before Spring binds {@code samco.auth.*}. */
    public SamcoAuthProperties() {}

    /** Samco's API; default https://tradeapi.samco.in (plain http only to this machine). */
    private String baseUrl;

    /**
     * Where sessions are kept, as the CLI's --store: file:DIR (the default, file:~/.samco), or a
     * Redis URL (redis://, rediss://, redis-sentinel://…#primary, redis-cluster://) shared by a fleet;
     * a Redis store needs samco-auth-adapter-persistence-redis on the classpath and store-key.
     */
    private String store;

    /** The key sessions in Redis are encrypted with: base64 of 32 bytes (samco keygen); several, comma-separated, while rotating. */
    private String storeKey;

    /** The Redis password, when the store's URL has none. */
    private String storePassword;

    /** On a redis-sentinel:// store whose sentinels ask for a password of their own: that password. */
    private String storeSentinelPassword;

    /** The sentinels' ACL user for store-sentinel-password; default their default user. */
    private String storeSentinelUser;

    /** The dashboard's API key, to renew API-key sessions unattended; default the environment's SAMCO_API_KEY. */
    private String apiKey;

    /** The dashboard's API secret; default the environment's SAMCO_API_SECRET. */
    private String apiSecret;

    /** Renew this long before a session expires. */
    private Duration refreshBefore = Duration.ofMinutes(10);

    /** The accounts (Samco user ids) the application keeps a session of; each gets a session source. */
    private List<String> accounts = new ArrayList<>();

    /** How often the health indicator asks Samco (GET /ip/whoami) whether this host's IP is the registered one. */
    private Duration whoamiEvery = Duration.ofMinutes(5);

    /**
     * Samco's API ({@code samco.auth.base-url}).
     *
     * @return the value, or {@code null} when unset
     */
    public String getBaseUrl() {
        return baseUrl;
    }

    /**
     * Sets Samco's API.
     *
     * @param baseUrl the value
     */
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * Where sessions are kept ({@code samco.auth.store}): {@code file:DIR} or a Redis URL.
     *
     * @return the value, or {@code null} when unset
     */
    public String getStore() {
        return store;
    }

    /**
     * Sets where sessions are kept.
     *
     * @param store the value
     */
    public void setStore(String store) {
        this.store = store;
    }

    /**
     * The key sessions in Redis are sealed with ({@code samco.auth.store-key}).
     *
     * @return the value, or {@code null} when unset
     */
    public String getStoreKey() {
        return storeKey;
    }

    /**
     * Sets the store key.
     *
     * @param storeKey the value
     */
    public void setStoreKey(String storeKey) {
        this.storeKey = storeKey;
    }

    /**
     * The Redis password, when the store's URL has none ({@code samco.auth.store-password}).
     *
     * @return the value, or {@code null} when unset
     */
    public String getStorePassword() {
        return storePassword;
    }

    /**
     * Sets the Redis password.
     *
     * @param storePassword the value
     */
    public void setStorePassword(String storePassword) {
        this.storePassword = storePassword;
    }

    /**
     * The sentinels' own password ({@code samco.auth.store-sentinel-password}).
     *
     * @return the value, or {@code null} when unset
     */
    public String getStoreSentinelPassword() {
        return storeSentinelPassword;
    }

    /**
     * Sets the sentinels' password.
     *
     * @param storeSentinelPassword the value
     */
    public void setStoreSentinelPassword(String storeSentinelPassword) {
        this.storeSentinelPassword = storeSentinelPassword;
    }

    /**
     * The sentinels' ACL user ({@code samco.auth.store-sentinel-user}).
     *
     * @return the value, or {@code null} when unset
     */
    public String getStoreSentinelUser() {
        return storeSentinelUser;
    }

    /**
     * Sets the sentinels' ACL user.
     *
     * @param storeSentinelUser the value
     */
    public void setStoreSentinelUser(String storeSentinelUser) {
        this.storeSentinelUser = storeSentinelUser;
    }

    /**
     * The dashboard's API key ({@code samco.auth.api-key}).
     *
     * @return the value, or {@code null} when unset
     */
    public String getApiKey() {
        return apiKey;
    }

    /**
     * Sets the API key.
     *
     * @param apiKey the value
     */
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    /**
     * The dashboard's API secret ({@code samco.auth.api-secret}).
     *
     * @return the value, or {@code null} when unset
     */
    public String getApiSecret() {
        return apiSecret;
    }

    /**
     * Sets the API secret.
     *
     * @param apiSecret the value
     */
    public void setApiSecret(String apiSecret) {
        this.apiSecret = apiSecret;
    }

    /**
     * How long before expiry a session is renewed ({@code samco.auth.refresh-before}).
     *
     * @return the duration
     */
    public Duration getRefreshBefore() {
        return refreshBefore;
    }

    /**
     * Sets how long before expiry a session is renewed.
     *
     * @param refreshBefore the duration
     */
    public void setRefreshBefore(Duration refreshBefore) {
        this.refreshBefore = refreshBefore;
    }

    /**
     * The accounts kept ({@code samco.auth.accounts}).
     *
     * @return the accounts, empty when none was named
     */
    public List<String> getAccounts() {
        return accounts;
    }

    /**
     * Sets the accounts kept.
     *
     * @param accounts the accounts
     */
    public void setAccounts(List<String> accounts) {
        this.accounts = accounts;
    }

    /**
     * How often the health indicator asks Samco whether this host's IP is registered ({@code samco.auth.whoami-every}).
     *
     * @return the duration
     */
    public Duration getWhoamiEvery() {
        return whoamiEvery;
    }

    /**
     * Sets how often the health indicator asks Samco about this host's IP.
     *
     * @param whoamiEvery the duration
     */
    public void setWhoamiEvery(Duration whoamiEvery) {
        this.whoamiEvery = whoamiEvery;
    }

    @Override
    public String toString() {
        return "SamcoAuthProperties[baseUrl=" + baseUrl + ", store="
                + (store == null ? null : store.replaceAll("//[^@/]*@", "//…@"))
                + ", storeKey=" + (storeKey == null ? "unset" : "set") + ", apiKey="
                + (apiKey == null ? "unset" : "set")
                + ", apiSecret=" + (apiSecret == null ? "unset" : "set") + ", refreshBefore=" + refreshBefore
                + ", accounts=" + accounts + "]";
    }
}
