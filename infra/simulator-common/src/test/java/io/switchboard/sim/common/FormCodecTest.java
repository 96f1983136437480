package io.switchboard.sim.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormCodecTest {

    @Test
    void decodesPercentEscapesPlusAsSpaceAndRepeatedNames() {
        Map<String, List<String>> form = FormCodec.decode("PhoneNumber=%2B14155550100&FriendlyName=org+42&Tag=a&Tag=b&Empty");

        assertThat(form.get("PhoneNumber")).containsExactly("+14155550100");
        assertThat(form.get("FriendlyName")).containsExactly("org 42");
        assertThat(form.get("Tag")).containsExactly("a", "b");
        assertThat(form.get("Empty")).containsExactly("");
    }

    @Test
    void encodeRoundTrips() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("FriendlyName", "org:42 & co");
        params.put("PhoneNumber", "+14155550100");

        assertThat(FormCodec.decode(FormCodec.encode(params)))
                .containsEntry("FriendlyName", List.of("org:42 & co"))
                .containsEntry("PhoneNumber", List.of("+14155550100"));
    }

    @Test
    void pathTemplatesExtractVariablesBeforeLiteralSuffixes() {
        PathTemplate template = new PathTemplate("/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json");

        assertThat(template.match("/2010-04-01/Accounts/AC1/IncomingPhoneNumbers/PN2.json"))
                .contains(Map.of("AccountSid", "AC1", "Sid", "PN2"));
        assertThat(template.match("/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json")).isEmpty();
    }
}
