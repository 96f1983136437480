package io.switchboard.adapters.twilio.numbers;

import com.twilio.http.TwilioRestClient;
import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.adapters.twilio.http.BaseUrlHttpClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One SDK client per account (platform or tenant), all sharing one transport. Clients are cached because the SDK
 * client is immutable and thread-safe; the key includes the token, so a rotated token gets a fresh client.
 */
public class TwilioClients {
    private final BaseUrlHttpClient transport;
    private final Map<TwilioAccount, TwilioRestClient> clients = new ConcurrentHashMap<>();

    public TwilioClients(BaseUrlHttpClient transport) {
        this.transport = transport;
    }

    public TwilioRestClient forAccount(TwilioAccount account) {
        return clients.computeIfAbsent(account, a ->
                new TwilioRestClient.Builder(a.accountSid(), a.authToken()).httpClient(transport).build());
    }
}
