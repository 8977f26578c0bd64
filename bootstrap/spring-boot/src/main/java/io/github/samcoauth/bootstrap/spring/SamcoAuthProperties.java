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

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public String getStoreKey() {
        return storeKey;
    }

    public void setStoreKey(String storeKey) {
        this.storeKey = storeKey;
    }

    public String getStorePassword() {
        return storePassword;
    }

    public void setStorePassword(String storePassword) {
        this.storePassword = storePassword;
    }

    public String getStoreSentinelPassword() {
        return storeSentinelPassword;
    }

    public void setStoreSentinelPassword(String storeSentinelPassword) {
        this.storeSentinelPassword = storeSentinelPassword;
    }

    public String getStoreSentinelUser() {
        return storeSentinelUser;
    }

    public void setStoreSentinelUser(String storeSentinelUser) {
        this.storeSentinelUser = storeSentinelUser;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getApiSecret() {
        return apiSecret;
    }

    public void setApiSecret(String apiSecret) {
        this.apiSecret = apiSecret;
    }

    public Duration getRefreshBefore() {
        return refreshBefore;
    }

    public void setRefreshBefore(Duration refreshBefore) {
        this.refreshBefore = refreshBefore;
    }

    public List<String> getAccounts() {
        return accounts;
    }

    public void setAccounts(List<String> accounts) {
        this.accounts = accounts;
    }

    public Duration getWhoamiEvery() {
        return whoamiEvery;
    }

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
