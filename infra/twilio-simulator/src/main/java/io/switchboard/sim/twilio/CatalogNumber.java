package io.switchboard.sim.twilio;

/**
 * A number Twilio could sell: one item of an AvailablePhoneNumbers search.
 *
 * @param type Twilio's IncomingPhoneNumber {@code type}: "local" or "tollfree"
 */
public record CatalogNumber(
        String phoneNumber,
        String areaCode,
        String type,
        String isoCountry,
        Locality locality,
        Capabilities capabilities) {

    /** Where a local number rings; all null for toll-free numbers. */
    public record Locality(String locality, String region, String postalCode, String rateCenter, String lata,
                           Double latitude, Double longitude) {

        public static Locality none() {
            return new Locality(null, null, null, null, null, null, null);
        }
    }

    /** Twilio's default FriendlyName: the national format, e.g. "(415) 555-0100". */
    public String nationalFormat() {
        String digits = phoneNumber.substring(2);
        return "(" + digits.substring(0, 3) + ") " + digits.substring(3, 6) + "-" + digits.substring(6);
    }
}
