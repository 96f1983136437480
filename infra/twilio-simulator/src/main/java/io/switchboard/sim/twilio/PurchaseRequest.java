package io.switchboard.sim.twilio;

import java.util.List;
import java.util.Map;

/** The parameters of {@code POST IncomingPhoneNumbers.json} the simulator acts on. */
record PurchaseRequest(String phoneNumber, String areaCode, String friendlyName, Map<String, List<String>> form) {

    static PurchaseRequest from(Map<String, List<String>> form) {
        return new PurchaseRequest(
                TwilioParams.phoneNumber(form, "PhoneNumber"),
                TwilioParams.first(form, "AreaCode"),
                TwilioParams.first(form, "FriendlyName"),
                form);
    }
}
