package io.switchboard.adapters.vapi.phonenumbers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The owner and request tag in the names of the phone numbers Switchboard creates. */
class PhoneNumberNameTest {

    @Test
    void aLongLabelIsCutSoTheTagAlwaysFitsVapisFortyCharacters() {
        String name = PhoneNumberName.of("Acme Plumbing and Heating of Springfield", "org-1", "saga-1:register-number");

        assertThat(name).hasSizeLessThanOrEqualTo(40).startsWith("Acme Plumbing and ").matches(".* sb-[0-9a-f]{10}-[0-9a-f]{8}");
        assertThat(PhoneNumberName.of(null, "org-1", "r")).matches("sb-[0-9a-f]{10}-[0-9a-f]{8}");
    }

    @Test
    void theTagNamesItsOrganizationAndRequestAndNoOther() {
        String name = PhoneNumberName.of("line", "org-1", "saga-1:register-number");

        assertThat(PhoneNumberName.hasOwnerTag(name)).isTrue();
        assertThat(PhoneNumberName.taggedFor(name, "org-1")).isTrue();
        assertThat(PhoneNumberName.taggedFor(name, "org-2")).isFalse();
        assertThat(PhoneNumberName.carries(name, "org-1", "saga-1:register-number")).isTrue();
        assertThat(PhoneNumberName.carries(name, "org-1", "saga-2:register-number")).isFalse();
        assertThat(PhoneNumberName.carries(name, "org-2", "saga-1:register-number")).isFalse();
    }

    @Test
    void namesWithoutATagCarryNoOwner() {
        for (String name : new String[]{null, "", "imported by hand", "Acme sb-0123456789ab", "x sb-0123456789-0123"}) {
            assertThat(PhoneNumberName.hasOwnerTag(name)).as(String.valueOf(name)).isFalse();
            assertThat(PhoneNumberName.taggedFor(name, "org-1")).isFalse();
        }
    }
}
