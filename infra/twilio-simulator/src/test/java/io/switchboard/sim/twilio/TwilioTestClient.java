package io.switchboard.sim.twilio;

import io.switchboard.sim.common.testing.HttpTestClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Speaks to the simulator like a Twilio client: Basic auth, account-scoped paths, form bodies. */
final class TwilioTestClient {

    final String accountSid;
    final HttpTestClient http;

    TwilioTestClient(String baseUrl, String accountSid, String authToken) {
        this.accountSid = accountSid;
        String basic = Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.http = new HttpTestClient(baseUrl).withHeader("Authorization", "Basic " + basic);
    }

    static TwilioTestClient forDefaultAccount(TwilioSimulator sim) {
        return new TwilioTestClient(sim.baseUrl(), sim.config().accountSid(), sim.config().authToken());
    }

    String account() {
        return "/2010-04-01/Accounts/" + accountSid;
    }

    HttpResponse<String> searchLocal(String query) {
        return http.get(account() + "/AvailablePhoneNumbers/US/Local.json" + (query.isEmpty() ? "" : "?" + query));
    }

    HttpResponse<String> buy(String form) {
        return http.postForm(account() + "/IncomingPhoneNumbers.json", form);
    }

    HttpResponse<String> list(String query) {
        return http.get(account() + "/IncomingPhoneNumbers.json" + (query.isEmpty() ? "" : "?" + query));
    }

    HttpResponse<String> fetch(String sid) {
        return http.get(account() + "/IncomingPhoneNumbers/" + sid + ".json");
    }

    HttpResponse<String> update(String sid, String form) {
        return http.postForm(account() + "/IncomingPhoneNumbers/" + sid + ".json", form);
    }

    HttpResponse<String> release(String sid) {
        return http.delete(account() + "/IncomingPhoneNumbers/" + sid + ".json");
    }
}
